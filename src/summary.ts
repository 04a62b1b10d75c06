// summary.json: the headline pair counts per year, unresolved affiliations, warnings and the
// definitions in force. Deeper analytics (src/analyze) and technology flow (src/classify) are merged in.
import type { Definitions, Paper } from './types.js';
import { allAffiliations, pairKey, paperHasPair, paperInScope } from './definitions.js';
import type { Corpus } from './pipeline.js';
import type { SourceWarning } from './sources/index.js';

export interface PairCount {
  papers: number;
  share: number;
}

export interface HeadlineSummary {
  papers: number;
  /** Papers in scope of the definitions (all tracks, or main track only). */
  papersInScope: number;
  pair: [string, string];
  pairs: Record<string, PairCount>;
  years: Record<string, { papers: number; pairs: Record<string, PairCount> }>;
  venues: Record<string, { papers: number; pairs: Record<string, PairCount> }>;
  unresolved: { affiliations: number; unresolved: number; share: number };
  skipped: WarningSummary;
  warnings: WarningSummary;
  definitions: Definitions;
  /** Warnings about the definitions against this input (e.g. --tracks main on input without tracks). */
  notices: string[];
}

export interface WarningSummary {
  count: number;
  byCode: Record<string, number>;
  examples: SourceWarning[];
}

export function summarizeHeadline(corpus: Corpus, pair: [string, string], definitions: Definitions): HeadlineSummary {
  const key = pairKey(pair);
  // each in-scope paper's pair decision made once (the totals, the years and the venues count it)
  const inScope: Array<{ paper: Paper; isPair: boolean }> = [];
  for (const paper of corpus.papers) if (paperInScope(paper, definitions)) inScope.push({ paper, isPair: paperHasPair(paper, pair, definitions) });
  const byYear = groupBy(inScope, (p) => String(p.paper.year));
  const byVenue = groupBy(inScope, (p) => `${p.paper.venue} ${p.paper.year}`);
  const count = (papers: Array<{ isPair: boolean }>) => ({ papers: papers.length, pairs: { [key]: pairCount(papers) } });
  return {
    papers: corpus.papers.length,
    papersInScope: inScope.length,
    pair,
    pairs: { [key]: pairCount(inScope) },
    years: mapValues(byYear, count),
    venues: mapValues(byVenue, count),
    unresolved: unresolvedAffiliations(corpus.papers),
    skipped: summarizeWarnings(corpus.skipped),
    warnings: summarizeWarnings(corpus.warnings),
    definitions,
    notices: definitionNotices(corpus.papers, definitions),
  };
}

/** `--tracks main` on input that has no track information selects nothing: say so. */
export function definitionNotices(papers: Paper[], definitions: Definitions): string[] {
  const notices: string[] = [];
  if (definitions.tracks === 'main' && papers.length > 0 && !papers.some((p) => p.track?.trim())) {
    notices.push('warning: --tracks main has no effect: the input has no track information, so every paper is counted');
  }
  return notices;
}

function pairCount(papers: Array<{ isPair: boolean }>): PairCount {
  let n = 0;
  for (const p of papers) if (p.isPair) n++;
  return { papers: n, share: papers.length ? n / papers.length : 0 };
}

/** Affiliation instances (one per institution an author lists) with no country. */
export function unresolvedAffiliations(papers: Paper[]): HeadlineSummary['unresolved'] {
  let affiliations = 0;
  let unresolved = 0;
  for (const paper of papers) {
    for (const affiliation of allAffiliations(paper)) {
      if (affiliation.raw.trim() === '') continue;
      affiliations++;
      if (!affiliation.country) unresolved++;
    }
  }
  return { affiliations, unresolved, share: affiliations ? unresolved / affiliations : 0 };
}

function summarizeWarnings(warnings: SourceWarning[]): WarningSummary {
  const byCode: Record<string, number> = {};
  for (const w of warnings) byCode[w.code] = (byCode[w.code] ?? 0) + 1;
  return { count: warnings.length, byCode, examples: warnings.slice(0, 20) };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function mapValues<T, U>(groups: Map<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries([...groups].map(([k, v]) => [k, fn(v)]));
}
