// Technology detection: the models, architectures and families a paper builds on or evaluates, with
// their organisation and country of origin, from data/technologies/technologies.json.
import type { RawPaper, TechnologyHit } from '../types.js';
import type { CueFile, TechnologyDefinition, TechnologyFile } from './schema.js';
import { createUseJudge, type UseJudge, type UseVerdict, type Where } from './use.js';
import { TriggerScanner } from './trigger-scan.js';

interface CompiledPattern {
  regex: RegExp;
  weak: boolean;
}

interface CompiledTechnology {
  definition: TechnologyDefinition;
  triggers: string[];
  patterns: CompiledPattern[];
  context: RegExp | null;
  guards: CompiledGuard[];
}

interface CompiledGuard {
  regex: RegExp;
  unlessContext: boolean;
}

interface Span {
  start: number;
  end: number;
  text: string;
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

export function createTechnologyDetector(file: TechnologyFile, cues: CueFile): (paper: RawPaper) => TechnologyHit[] {
  const technologies = file.technologies.map(compileTechnology);
  const triggers = new TriggerScanner(technologies.map((t) => t.triggers));
  const judge = createUseJudge(cues);
  return (paper) => {
    const sections = paperSections(paper);
    const candidates = triggers.scan(sections.map((s) => s.lower));
    const hits: TechnologyHit[] = [];
    technologies.forEach((tech, i) => {
      if (!candidates.has(i)) return;
      // a paper older than the technology cannot use it ("Spatial Transformer Networks", 2015)
      if (paper.year < tech.definition.introduced) return;
      const hit = detectOne(tech, sections, judge);
      if (hit) hits.push(hit);
    });
    return hits;
  };
}

/** A technology's expressions are made when first used: only for a paper where one of its triggers occurs. */
export function compileTechnology(definition: TechnologyDefinition): CompiledTechnology {
  let patterns: CompiledPattern[] | undefined;
  let context: RegExp | null | undefined;
  let guards: CompiledGuard[] | undefined;
  return {
    definition,
    triggers: definition.triggers,
    get patterns() {
      return (patterns ??= definition.patterns.map((p) => ({ regex: new RegExp(p.regex, p.ignoreCase ? 'gi' : 'g'), weak: p.weak ?? false })));
    },
    get context() {
      if (context === undefined) context = definition.context ? new RegExp(definition.context, 'i') : null;
      return context;
    },
    get guards() {
      return (guards ??= (definition.guards ?? []).map((g) => ({ regex: new RegExp(g.regex, g.ignoreCase ? 'gi' : 'g'), unlessContext: g.unlessContext ?? false })));
    },
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

/**
 * One technology in one paper: every distinct matched text, every section it was found in, and
 * whether any occurrence is a use (else it is only mentioned, with the first occurrence's cue).
 */
function detectOne(tech: CompiledTechnology, sections: Section[], judge: UseJudge): TechnologyHit | null {
  const matched: string[] = [];
  const where: Where[] = [];
  let verdict: UseVerdict | null = null;
  let contextOk: boolean | undefined;
  const hasContext = () => (contextOk ??= tech.context !== null && sections.some((s) => tech.context!.test(s.text)));
  for (const section of sections) {
    if (!tech.triggers.some((t) => section.lower.includes(t))) continue;
    for (const span of matchesIn(tech, section.text, hasContext)) {
      const clean = cleanMatch(span.text);
      if (!clean) continue;
      if (!matched.includes(clean)) matched.push(clean);
      if (!where.includes(section.where)) where.push(section.where);
      if (verdict?.use !== 'used') {
        const v = judge.judge(section.where, section.text, span.start, span.end);
        if (!verdict || v.use === 'used') verdict = v;
      }
    }
  }
  if (matched.length === 0 || !verdict) return null;
  const { id, name, organization, country, derivedFrom } = tech.definition;
  return {
    id,
    name,
    origin: { organization, country },
    matched,
    where,
    use: verdict.use,
    ...(verdict.cue ? { cue: verdict.cue } : {}),
    ...(derivedFrom ? { derivedFrom } : {}),
  };
}

/**
 * Every hit of the technology's patterns in one text, in text order. Where patterns overlap
 * ("Llama" inside "Llama-2"), the longest match wins.
 */
function matchesIn(tech: CompiledTechnology, text: string, hasContext: () => boolean): Span[] {
  const spans: Span[] = [];
  for (const pattern of tech.patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (insideUrl(text, start, end) || isGuarded(tech.guards, text, start, end, hasContext)) continue;
      if (pattern.weak && !hasContext()) continue;
      spans.push({ start, end, text: m[0] });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  let covered = -1;
  for (const span of spans) {
    if (span.start < covered) continue;
    covered = span.end;
    kept.push(span);
  }
  return kept;
}

/**
 * True when a guard phrase overlaps the hit ("power transformer", "\phi-1", "llamas and alpacas"). A
 * guard marked unlessContext is void in a paper about language models ("Vicuna, MPT and Llama 2").
 */
function isGuarded(guards: CompiledGuard[], text: string, start: number, end: number, hasContext: () => boolean): boolean {
  if (guards.length === 0) return false;
  const from = Math.max(0, start - GUARD_WINDOW);
  const window = text.slice(from, end + GUARD_WINDOW);
  for (const guard of guards) {
    if (guard.unlessContext && hasContext()) continue;
    for (const g of window.matchAll(guard.regex)) {
      const gStart = from + (g.index ?? 0);
      const gEnd = gStart + g[0].length;
      if (gStart < end && gEnd > start) return true;
    }
  }
  return false;
}

/** A name inside a link ("github.com/InternLM/...") names a repository or account, not a use. */
function insideUrl(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/\s/.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !/\s/.test(text[to])) to++;
  return /:\/\/|\bwww\.|\b(?:github|huggingface|gitlab)\.(?:com|co|io)\//i.test(text.slice(from, to));
}

/** Trailing punctuation and hyphenated common words are not part of a model's name. */
export function cleanMatch(text: string): string {
  let clean = text.trim().replace(/[.,;:\-_/]+$/, '');
  while (TRAILING_WORDS.test(clean)) clean = clean.replace(TRAILING_WORDS, '').replace(/[.,;:\-_/]+$/, '');
  return clean;
}
