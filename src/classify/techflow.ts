// summary.json `techFlow`: per tracked technology (zeros included), how many papers use it and from
// which author countries; the flow matrix from a technology's country of origin to the countries of
// the authors using it; and how many papers had an abstract to read.
import type { Paper, TechnologyHit } from '../types.js';
import { loadTechnologies } from './data.js';
import type { TechnologyDefinition } from './schema.js';

/** used: only hits the paper builds on or evaluates; mentions: every hit, mentions included. */
export type TechCount = 'used' | 'mentions';

/** Below this share of papers with an abstract, the flow is read from titles alone and says so. */
export const ABSTRACT_WARNING_SHARE = 0.5;

export interface TechFlowSummary {
  /** Which hits count (the --tech switch). */
  count: TechCount;
  /** Papers read, and those whose source gave an abstract (the rest are read from titles and keywords). */
  papers: number;
  papersWithAbstract: number;
  /** A sentence when under ABSTRACT_WARNING_SHARE of papers have an abstract. */
  warning?: string;
  technologies: Array<{
    id: string;
    name: string;
    origin: { organization: string; country: string };
    /** Id of the technology it was derived from by another maker. */
    derivedFrom?: string;
    /** Papers that use it (under `count`). */
    papers: number;
    /** Papers where every occurrence is only a mention (negated, prior work, a comparison). */
    mentionedOnly: number;
    /** Papers that use it with at least one author affiliation in the country. */
    papersByCountry: Record<string, number>;
  }>;
  /** Papers using a technology from `from` with an author affiliation in `to` (each paper once per pair). */
  flows: Array<{ from: string; to: string; papers: number }>;
}

export interface TechFlowOptions {
  count?: TechCount;
  /** Every tracked technology, listed even with no paper (default: data/technologies/technologies.json). */
  tracked?: TechnologyDefinition[];
}

type TechEntry = TechFlowSummary['technologies'][number] & { byCountry: Map<string, number> };

/** Whether a hit counts under the switch; hits without a verdict (older runs, LLM-added) are uses. */
export function countsAs(hit: TechnologyHit, count: TechCount): boolean {
  return count === 'mentions' || hit.use !== 'mentioned';
}

export function summarizeTechFlow(papers: Paper[], options: TechFlowOptions = {}): TechFlowSummary {
  const count = options.count ?? 'used';
  const technologies = new Map<string, TechEntry>();
  for (const tech of options.tracked ?? loadTechnologies().technologies) technologies.set(tech.id, emptyEntry(tech));
  const flows = new Map<string, number>();
  let withAbstract = 0;
  for (const paper of papers) {
    if (paper.hasAbstract) withAbstract++;
    const pairs = new Set<string>();
    const seen = new Set<string>();
    for (const hit of paper.technologies) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      const entry = entryFor(technologies, hit);
      if (!countsAs(hit, count)) {
        entry.mentionedOnly += 1;
        continue;
      }
      countPaper(entry, paper.countries);
      for (const country of paper.countries) pairs.add(`${hit.origin.country}\t${country}`);
    }
    for (const pair of pairs) flows.set(pair, (flows.get(pair) ?? 0) + 1);
  }
  return {
    count,
    papers: papers.length,
    papersWithAbstract: withAbstract,
    ...abstractWarning(papers.length, withAbstract),
    technologies: sortTechnologies(technologies),
    flows: sortFlows(flows),
  };
}

function abstractWarning(papers: number, withAbstract: number): { warning?: string } {
  if (papers === 0 || withAbstract / papers >= ABSTRACT_WARNING_SHARE) return {};
  const share = ((100 * withAbstract) / papers).toFixed(0);
  return { warning: `only ${withAbstract} of ${papers} papers (${share}%) have an abstract: technologies are read from titles and keywords alone for the rest, so use is undercounted` };
}

function emptyEntry(tech: TechnologyDefinition): TechEntry {
  return {
    id: tech.id,
    name: tech.name,
    origin: { organization: tech.organization, country: tech.country },
    ...(tech.derivedFrom ? { derivedFrom: tech.derivedFrom } : {}),
    papers: 0,
    mentionedOnly: 0,
    papersByCountry: {},
    byCountry: new Map(),
  };
}

/** A hit of a technology the tracked list does not hold (another technology file, an older run) gets its own row. */
function entryFor(technologies: Map<string, TechEntry>, hit: TechnologyHit): TechEntry {
  let entry = technologies.get(hit.id);
  if (!entry) {
    entry = { id: hit.id, name: hit.name, origin: { ...hit.origin }, ...(hit.derivedFrom ? { derivedFrom: hit.derivedFrom } : {}), papers: 0, mentionedOnly: 0, papersByCountry: {}, byCountry: new Map() };
    technologies.set(hit.id, entry);
  }
  return entry;
}

function countPaper(entry: TechEntry, countries: string[]): void {
  entry.papers += 1;
  for (const country of new Set(countries)) entry.byCountry.set(country, (entry.byCountry.get(country) ?? 0) + 1);
}

/** Most used first (zeros last, by id); countries within a technology by papers, then code. */
function sortTechnologies(technologies: Map<string, TechEntry>): TechFlowSummary['technologies'] {
  return [...technologies.values()]
    .sort((a, b) => b.papers - a.papers || compare(a.id, b.id))
    .map(({ byCountry, ...entry }) => ({
      ...entry,
      papersByCountry: Object.fromEntries([...byCountry.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))),
    }));
}

function sortFlows(flows: Map<string, number>): TechFlowSummary['flows'] {
  return [...flows.entries()]
    .map(([pair, papers]) => {
      const [from, to] = pair.split('\t');
      return { from, to, papers };
    })
    .sort((a, b) => b.papers - a.papers || compare(a.from, b.from) || compare(a.to, b.to));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
