// The points a paper's text and venue give each research field: a weighted-term scorer over the taxonomy
// in data/taxonomy/fields.json. Signals: the venue's labels (topic / primary_area), the track, title,
// keywords and abstract terms, and the venue's prior (CVPR leans to vision). Field roles weigh the text
// evidence: concern fields (safety, efficiency, datasets) cut across modalities and are scaled up; method
// fields (theory, optimisation...) yield to a topic field's evidence. Every point is recorded with its
// signal and terms; the field model (field-model.ts) ranks fields from these points.
import type { FieldEvidence, RawPaper } from '../types.js';
import type { Scoring, TaxonomyFile } from './schema.js';
import { TermIndex, type Term } from './terms.js';
import { TrackMap, VenueLabelMap, VenuePriorMap } from './venue-labels.js';

export type Signal = 'venue-label' | 'track' | 'title' | 'keywords' | 'abstract' | 'venue' | 'fallback';
export const SIGNAL_ORDER: readonly Signal[] = ['venue-label', 'track', 'title', 'keywords', 'abstract', 'venue', 'fallback'];
const TEXT_SIGNALS: ReadonlySet<Signal> = new Set(['title', 'keywords', 'abstract']);

/** Score of every field, split by signal, with the terms behind it. */
export class Tally {
  private readonly entries = new Map<string, Map<Signal, { terms: string[]; score: number }>>();
  /** Fields the venue named outright (a mapped label's main field, a track rule): they rank first. */
  readonly named = new Set<string>();
  /** Points of each taxonomy term found in the text (title, keywords, abstract), per field, before any role scaling. */
  readonly termPoints = new Map<string, Map<string, number>>();
  /** Term weights found in the abstract's first sentence (where the problem is usually stated), per field. */
  readonly leadPoints = new Map<string, number>();

  add(field: string, signal: Signal, term: string, score: number): void {
    if (score <= 0) return;
    if (TEXT_SIGNALS.has(signal)) {
      let terms = this.termPoints.get(field);
      if (!terms) this.termPoints.set(field, (terms = new Map()));
      terms.set(term, (terms.get(term) ?? 0) + score);
    }
    let bySignal = this.entries.get(field);
    if (!bySignal) this.entries.set(field, (bySignal = new Map()));
    const entry = bySignal.get(signal) ?? { terms: [], score: 0 };
    if (!entry.terms.includes(term)) entry.terms.push(term);
    entry.score += score;
    bySignal.set(signal, entry);
  }

  total(field: string): number {
    let sum = 0;
    for (const entry of this.entries.get(field)?.values() ?? []) sum += entry.score;
    return sum;
  }

  /** A field's score from one signal. */
  signalScore(field: string, signal: Signal): number {
    return this.entries.get(field)?.get(signal)?.score ?? 0;
  }

  /** Scales a field's text evidence (title, keywords, abstract); what the venue said is left as it is. */
  scaleText(field: string, factor: number): void {
    for (const [signal, entry] of this.entries.get(field) ?? []) if (TEXT_SIGNALS.has(signal)) entry.score *= factor;
  }

  fields(): string[] {
    return [...this.entries.keys()];
  }

  evidence(field: string): FieldEvidence[] {
    const bySignal = this.entries.get(field);
    if (!bySignal) return [];
    return SIGNAL_ORDER.filter((s) => bySignal.has(s)).map((signal) => {
      const { terms, score } = bySignal.get(signal)!;
      return { field, signal, terms, score: round(score) };
    });
  }
}

/** Scores a paper's evidence for every field: the points behind the field model's features. */
export function createFieldScorer(taxonomy: TaxonomyFile): (paper: RawPaper) => Tally {
  const index = buildTermIndex(taxonomy);
  const labels = new VenueLabelMap(taxonomy.venueLabels.rules);
  const tracks = new TrackMap(taxonomy.tracks.rules);
  const priors = new VenuePriorMap(taxonomy.venuePriors?.rules ?? []);
  const methods = new Set(taxonomy.fields.filter((f) => f.role === 'method').map((f) => f.id));
  const concerns = taxonomy.fields.filter((f) => f.role === 'concern').map((f) => f.id);
  const scoring = taxonomy.scoring;
  return (paper) => {
    const tally = new Tally();
    if (paper.topic) scoreVenueLabel(paper.topic, labels, index, scoring, tally);
    if (paper.track) scoreTrack(paper.track, tracks, scoring, tally);
    scoreText(index.matchText(paper.title), 'title', scoring.signals.title, 1, tally);
    scoreKeywords(paper.keywords, index, scoring, tally);
    if (paper.abstract) {
      const lead = new Map<Term, number>();
      scoreText(index.matchText(paper.abstract, lead), 'abstract', scoring.signals.abstract, scoring.abstractRepeatCap, tally);
      scoreLead(lead, tally.leadPoints);
    }
    for (const { field, score } of priors.priors(paper.venue)) tally.add(field, 'venue', paper.venue, score);
    if (scoring.methodYield) yieldMethods(tally, methods, scoring.methodYield);
    if (scoring.concernFactor !== undefined) for (const field of concerns) tally.scaleText(field, scoring.concernFactor);
    return tally;
  };
}

export function buildTermIndex(taxonomy: TaxonomyFile): TermIndex {
  const index = new TermIndex();
  for (const field of taxonomy.fields) {
    for (const [phrase, weight] of Object.entries(field.terms)) index.add(phrase, { field: field.id, weight });
  }
  for (const phrase of taxonomy.neutral.phrases) index.add(phrase, null);
  return index;
}

/**
 * The most specific segment a rule maps ("Language" in "Applications->Language") names its field:
 * full label score, and that field ranks first. Other mapped segments (parents) add a smaller score.
 * A segment no rule knows is scored as text; a known segment that names no field adds nothing.
 */
function scoreVenueLabel(topic: string, labels: VenueLabelMap, index: TermIndex, scoring: Scoring, tally: Tally): void {
  let namedOne = false;
  for (const { segment, fields } of labels.segments(topic)) {
    if (fields === null) {
      scoreText(index.matchText(segment), 'venue-label', scoring.unmappedLabelMultiplier, 1, tally);
      continue;
    }
    fields.forEach((field, i) => {
      const named = !namedOne && i === 0;
      tally.add(field, 'venue-label', segment, named ? scoring.venueLabelScore : scoring.venueLabelParentScore);
      if (named) tally.named.add(field);
    });
    if (fields.length > 0) namedOne = true;
  }
}

function scoreTrack(track: string, tracks: TrackMap, scoring: Scoring, tally: Tally): void {
  for (const field of tracks.fields(track)) {
    tally.add(field, 'track', track, scoring.trackScore);
    tally.named.add(field);
  }
}

/** Each author keyword is matched on its own, so phrases never run across two keywords. */
function scoreKeywords(keywords: string[], index: TermIndex, scoring: Scoring, tally: Tally): void {
  const found = new Map<Term, number>();
  for (const keyword of keywords) for (const term of index.matchText(keyword).keys()) found.set(term, 1);
  scoreText(found, 'keywords', scoring.signals.keywords, 1, tally);
}

/** weight x signal multiplier x occurrences (capped) for every field a found term points to. */
function scoreText(found: Map<Term, number>, signal: Signal, multiplier: number, repeatCap: number, tally: Tally): void {
  for (const [term, count] of found) {
    for (const { field, weight } of term.scores) tally.add(field, signal, term.phrase, weight * multiplier * Math.min(count, repeatCap));
  }
}

/** Adds each found term's weight (once per term) to its fields. */
function scoreLead(found: Map<Term, number>, points: Map<string, number>): void {
  for (const term of found.keys()) for (const { field, weight } of term.scores) points.set(field, (points.get(field) ?? 0) + weight);
}

/** Method fields are scaled down when a topic field (not `other`) has enough evidence of its own. */
function yieldMethods(tally: Tally, methods: Set<string>, rule: { minScore: number; factor: number }): void {
  const topic = tally.fields().some((f) => !methods.has(f) && f !== 'other' && tally.total(f) >= rule.minScore);
  if (topic) for (const field of tally.fields()) if (methods.has(field)) tally.scaleText(field, rule.factor);
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
