// Technology detection: the models, architectures and families a paper builds on or evaluates, with
// their organisation and country of origin, from data/technologies/technologies.json.
import type { RawPaper, TechnologyHit } from '../types.js';
import type { TechnologyDefinition, TechnologyFile } from './schema.js';

type Where = TechnologyHit['where'][number];

interface CompiledPattern {
  regex: RegExp;
  weak: boolean;
}

interface CompiledTechnology {
  definition: TechnologyDefinition;
  triggers: string[];
  patterns: CompiledPattern[];
  context: RegExp | null;
  guards: RegExp[];
}

interface Section {
  where: Where;
  text: string;
  lower: string;
}

/** How far around a hit a guard phrase ("power transformer") is looked for. */
const GUARD_WINDOW = 80;

/** Words that follow a model name with a hyphen but are not part of it ("LLaMA-based"). */
const TRAILING_WORDS = /-(?:based|like|style|family|series|generated|derived|sized|class|type|powered|driven|specific|only|centric|aligned|tuned|finetuned|fine|level|scale|and|or|as|with|to)$/i;

export function createTechnologyDetector(file: TechnologyFile): (paper: RawPaper) => TechnologyHit[] {
  const technologies = file.technologies.map(compileTechnology);
  const triggers = new TriggerScanner(technologies);
  return (paper) => {
    const sections = paperSections(paper);
    const candidates = triggers.scan(sections);
    const hits: TechnologyHit[] = [];
    technologies.forEach((tech, i) => {
      if (!candidates.has(i)) return;
      const hit = detectOne(tech, sections);
      if (hit) hits.push(hit);
    });
    return hits;
  };
}

/**
 * One pass over the lower-cased text finds which technologies' triggers occur, so that only their
 * regular expressions run. A trigger that extends another ("t5-" after "t5") is folded into the
 * shorter one, so that two triggers never start at the same place.
 */
class TriggerScanner {
  private readonly regex: RegExp;
  private readonly owners = new Map<string, number[]>();

  constructor(technologies: CompiledTechnology[]) {
    const all = [...new Set(technologies.flatMap((t) => t.triggers))].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const shortest = (trigger: string) => all.find((other) => trigger.startsWith(other)) ?? trigger;
    technologies.forEach((tech, i) => {
      for (const trigger of tech.triggers) {
        const key = shortest(trigger);
        const owners = this.owners.get(key) ?? [];
        if (!owners.includes(i)) owners.push(i);
        this.owners.set(key, owners);
      }
    });
    this.regex = new RegExp([...this.owners.keys()].map(escapeRegex).join('|'), 'g');
  }

  /** Indices of the technologies whose triggers occur in any section. */
  scan(sections: Section[]): Set<number> {
    const found = new Set<number>();
    for (const section of sections) {
      this.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = this.regex.exec(section.lower)) !== null) {
        for (const i of this.owners.get(m[0]) ?? []) found.add(i);
        this.regex.lastIndex = m.index + 1;
      }
    }
    return found;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileTechnology(definition: TechnologyDefinition): CompiledTechnology {
  return {
    definition,
    triggers: definition.triggers,
    patterns: definition.patterns.map((p) => ({ regex: new RegExp(p.regex, p.ignoreCase ? 'gi' : 'g'), weak: p.weak ?? false })),
    context: definition.context ? new RegExp(definition.context, 'i') : null,
    guards: (definition.guards ?? []).map((g) => new RegExp(g.regex, g.ignoreCase ? 'gi' : 'g')),
  };
}

function paperSections(paper: RawPaper): Section[] {
  const parts: Array<[Where, string | null | undefined]> = [
    ['title', paper.title],
    ['abstract', paper.abstract],
    ['keywords', paper.keywords.length ? paper.keywords.join('; ') : null],
    ['fulltext', paper.fullText],
  ];
  return parts.filter((p): p is [Where, string] => Boolean(p[1])).map(([where, text]) => ({ where, text, lower: text.toLowerCase() }));
}

/** One technology in one paper: every distinct matched text and every section it was found in. */
function detectOne(tech: CompiledTechnology, sections: Section[]): TechnologyHit | null {
  const matched: string[] = [];
  const where: Where[] = [];
  let contextOk: boolean | undefined;
  const hasContext = () => (contextOk ??= tech.context !== null && sections.some((s) => tech.context!.test(s.text)));
  for (const section of sections) {
    if (!tech.triggers.some((t) => section.lower.includes(t))) continue;
    for (const text of matchesIn(tech, section.text, hasContext)) {
      if (!matched.includes(text)) matched.push(text);
      if (!where.includes(section.where)) where.push(section.where);
    }
  }
  if (matched.length === 0) return null;
  const { id, name, organization, country } = tech.definition;
  return { id, name, origin: { organization, country }, matched, where };
}

/**
 * Every hit of the technology's patterns in one text, in text order. Where patterns overlap
 * ("Llama" inside "Llama-2"), the longest match wins.
 */
function matchesIn(tech: CompiledTechnology, text: string, hasContext: () => boolean): string[] {
  const spans: Array<{ start: number; end: number; text: string }> = [];
  for (const pattern of tech.patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (isGuarded(tech.guards, text, start, end)) continue;
      if (pattern.weak && !hasContext()) continue;
      spans.push({ start, end, text: m[0] });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: string[] = [];
  let covered = -1;
  for (const span of spans) {
    if (span.start < covered) continue;
    covered = span.end;
    const clean = cleanMatch(span.text);
    if (clean && !found.includes(clean)) found.push(clean);
  }
  return found;
}

/** True when a guard phrase overlaps the hit ("power transformer", "\phi-1", "llamas and alpacas"). */
function isGuarded(guards: RegExp[], text: string, start: number, end: number): boolean {
  if (guards.length === 0) return false;
  const from = Math.max(0, start - GUARD_WINDOW);
  const window = text.slice(from, end + GUARD_WINDOW);
  for (const guard of guards) {
    for (const g of window.matchAll(guard)) {
      const gStart = from + (g.index ?? 0);
      const gEnd = gStart + g[0].length;
      if (gStart < end && gEnd > start) return true;
    }
  }
  return false;
}

/** Trailing punctuation and hyphenated common words are not part of a model's name. */
export function cleanMatch(text: string): string {
  let clean = text.trim().replace(/[.,;:\-_/]+$/, '');
  while (TRAILING_WORDS.test(clean)) clean = clean.replace(TRAILING_WORDS, '').replace(/[.,;:\-_/]+$/, '');
  return clean;
}
