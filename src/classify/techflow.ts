// summary.json `techFlow`: per technology, how many papers use it and from which author countries; and
// the flow matrix from a technology's country of origin to the countries of the authors using it.
import type { Paper } from '../types.js';

export interface TechFlowSummary {
  technologies: Array<{
    id: string;
    name: string;
    origin: { organization: string; country: string };
    /** Papers that use it. */
    papers: number;
    /** Papers that use it with at least one author affiliation in the country. */
    papersByCountry: Record<string, number>;
  }>;
  /** Papers using a technology from `from` with an author affiliation in `to` (each paper once per pair). */
  flows: Array<{ from: string; to: string; papers: number }>;
}

type TechEntry = TechFlowSummary['technologies'][number] & { byCountry: Map<string, number> };

export function summarizeTechFlow(papers: Paper[]): TechFlowSummary {
  const technologies = new Map<string, TechEntry>();
  const flows = new Map<string, number>();
  for (const paper of papers) {
    const pairs = new Set<string>();
    const seen = new Set<string>();
    for (const hit of paper.technologies) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      countTechnology(technologies, hit, paper.countries);
      for (const country of paper.countries) pairs.add(`${hit.origin.country}\t${country}`);
    }
    for (const pair of pairs) flows.set(pair, (flows.get(pair) ?? 0) + 1);
  }
  return { technologies: sortTechnologies(technologies), flows: sortFlows(flows) };
}

function countTechnology(technologies: Map<string, TechEntry>, hit: Paper['technologies'][number], countries: string[]): void {
  let entry = technologies.get(hit.id);
  if (!entry) {
    entry = { id: hit.id, name: hit.name, origin: { ...hit.origin }, papers: 0, papersByCountry: {}, byCountry: new Map() };
    technologies.set(hit.id, entry);
  }
  entry.papers += 1;
  for (const country of new Set(countries)) entry.byCountry.set(country, (entry.byCountry.get(country) ?? 0) + 1);
}

/** Most used first; countries within a technology by papers, then code. */
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
