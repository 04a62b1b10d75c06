// Communities that do not hinge on one seed: Louvain (graphology-communities-louvain) restarted with
// `restarts` consecutive seeds; the partition with the highest modularity is reported (ties: the lowest
// seed), and the range of the modularity and of the headline figure (share of A-B tie weight inside
// one community) over all restarts says how much a single run could have moved it. Deterministic: the
// same graph and seed give the same partition.
import type { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import { mulberry32 } from './stats.js';

/** graphology's CommonJS packages declare `export default`; under NodeNext the value is the module itself. */
function cjsDefault<T>(module: { default: T }): T {
  return ((module as { default?: T }).default ?? module) as T;
}
const louvain = cjsDefault(louvainImport);

export const DEFAULT_RESTARTS = 20;

export interface CommunityRun {
  seed: number;
  modularity: number;
  /** Share of A-B tie weight with both ends in one community. */
  pairShare: number;
}

export interface BestPartition {
  communities: Record<string, number>;
  best: CommunityRun;
  runs: CommunityRun[];
}

type PairGraph = UndirectedGraph<{ country: string | null; papers: number }, { weight: number }>;

/** Share of the A-B tie weight whose two ends share a community; 0 when there is no A-B tie. */
export function pairTieShare(graph: PairGraph, communities: Record<string, number>, a: string, b: string): { weight: number; within: number } {
  return tieShareOn(pairTies(graph, a, b), communities);
}

/** The A-B ties of the graph (ends and weight), in the graph's edge order: found once for every restart. */
function pairTies(graph: PairGraph, a: string, b: string): Array<{ source: string; target: string; weight: number }> {
  const ties: Array<{ source: string; target: string; weight: number }> = [];
  graph.forEachEdge((_edge, attributes, source, target, sourceAttributes, targetAttributes) => {
    const x = sourceAttributes.country;
    const y = targetAttributes.country;
    if ((x === a && y === b) || (x === b && y === a)) ties.push({ source, target, weight: attributes.weight });
  });
  return ties;
}

function tieShareOn(ties: Array<{ source: string; target: string; weight: number }>, communities: Record<string, number>): { weight: number; within: number } {
  let weight = 0;
  let within = 0;
  for (const tie of ties) {
    weight += tie.weight;
    if (communities[tie.source] === communities[tie.target]) within += tie.weight;
  }
  return { weight, within };
}

export function bestOfLouvain(graph: PairGraph, pair: [string, string], seed: number, restarts: number): BestPartition {
  if (graph.order === 0) return { communities: {}, best: { seed, modularity: 0, pairShare: 0 }, runs: [] };
  let best: { communities: Record<string, number>; run: CommunityRun } | null = null;
  const runs: CommunityRun[] = [];
  const ties = pairTies(graph, pair[0], pair[1]);
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const runSeed = seed + r;
    const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: mulberry32(runSeed) });
    const modularity = Number.isFinite(detailed.modularity) ? detailed.modularity : 0;
    const share = tieShareOn(ties, detailed.communities);
    const run = { seed: runSeed, modularity, pairShare: share.weight ? share.within / share.weight : 0 };
    runs.push(run);
    if (!best || modularity > best.run.modularity + 1e-12) best = { communities: detailed.communities, run };
  }
  const chosen = best as { communities: Record<string, number>; run: CommunityRun };
  return { communities: chosen.communities, best: chosen.run, runs };
}
