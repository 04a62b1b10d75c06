// The venue's own subject labels (NeurIPS `topic` "Parent->Child", OpenReview `primary_area`, IJCAI
// areas) and track names, mapped to taxonomy fields by the rules in data/taxonomy/fields.json.
import type { TaxonomyFile } from './schema.js';
import { normalizeLabel } from './text.js';

export interface LabelSegment {
  segment: string;
  /** The rule's fields, or null when no rule knows this segment. */
  fields: string[] | null;
}

export class VenueLabelMap {
  private readonly exact = new Map<string, string[]>();
  /** Known labels, longest first, for prefix matching of longer or truncated labels. */
  private readonly byLength: Array<[string, string[]]>;

  constructor(rules: TaxonomyFile['venueLabels']['rules']) {
    for (const rule of rules) {
      for (const label of rule.labels) {
        const key = normalizeLabel(label);
        if (!this.exact.has(key)) this.exact.set(key, rule.fields);
      }
    }
    this.byLength = [...this.exact.entries()].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  }

  /** Most specific first: "Deep Learning->Generative Models" -> [{Generative Models, [generative-models]}, {Deep Learning, [deep-learning]}]. */
  segments(topic: string): LabelSegment[] {
    const parts = topic
      .split(/\s*->\s*/)
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse();
    return parts.map((segment) => ({ segment, fields: this.lookup(segment) }));
  }

  /** Exact normalised match, else the longest known label the segment starts with. */
  lookup(segment: string): string[] | null {
    const key = normalizeLabel(segment);
    const exact = this.exact.get(key);
    if (exact) return exact;
    for (const [label, fields] of this.byLength) if (key.startsWith(`${label} `)) return fields;
    return null;
  }
}

export class TrackMap {
  private readonly rules: Array<{ contains: string; fields: string[] }>;

  constructor(rules: TaxonomyFile['tracks']['rules']) {
    this.rules = rules.map((rule) => ({ contains: normalizeLabel(rule.contains), fields: rule.fields }));
  }

  /** Fields named by the first rule the track matches, or [] when none. */
  fields(track: string): string[] {
    const key = ` ${normalizeLabel(track)} `;
    return this.rules.find((rule) => key.includes(` ${rule.contains} `))?.fields ?? [];
  }
}

/** Venue priors by normalised venue name ("CVPR" -> vision 6). */
export class VenuePriorMap {
  private readonly byVenue = new Map<string, Array<{ field: string; score: number }>>();

  constructor(rules: NonNullable<TaxonomyFile['venuePriors']>['rules']) {
    for (const rule of rules) {
      for (const venue of rule.venues) {
        const key = normalizeLabel(venue);
        this.byVenue.set(key, [...(this.byVenue.get(key) ?? []), { field: rule.field, score: rule.score }]);
      }
    }
  }

  /** The priors of a venue, [] for a venue no rule names. */
  priors(venue: string): Array<{ field: string; score: number }> {
    return this.byVenue.get(normalizeLabel(venue)) ?? [];
  }
}
