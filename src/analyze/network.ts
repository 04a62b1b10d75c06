// 6. The institution co-authorship network (graphology): Louvain communities (best of several seeded
// restarts, with the range over them), the institutions that bridge the two countries of the pair
// (weighted and by hops), and per year the share of cross-border edges and the ties' country
// assortativity against random mixing (network-mixing.ts).
//
// Nodes are institutions at a country (institutionKey); two institutions are linked when they appear on
// the same in-scope paper (any authors), weighted by the number of such papers. Per-year statistics and
// the A/B tie counts use every institution. Communities and betweenness run on the graph of the
// `networkMaxNodes` institutions with the most papers (ties broken by key), so they stay fast on very
// large corpora; `communities.capped` says whether the cap applied.
import { UndirectedGraph } from 'graphology';
import type { Accumulator, AffiliationView, AnalysisContext, PaperView } from './context.js';
import { NodeNames } from './institutions.js';
import { budgetSubgraph, hopBridges, weightedSourceTargetBetweenness } from './network-bridges.js';
import { bestOfLouvain, DEFAULT_RESTARTS, pairTieShare } from './network-communities.js';
import { mixingChange, nationalLinesSentence, yearMixing } from './network-mixing.js';
import { compareStrings, round } from './stats.js';
import type { Bridge, Community, Network, NetworkMixing, NetworkYear } from './types.js';

export { budgetSubgraph, sourceTargetBetweenness, weightedSourceTargetBetweenness } from './network-bridges.js';


export const DEFAULT_NETWORK_MAX_NODES = 2000;
/** Betweenness runs on the largest top-k subgraph with k x edges within this many steps (about a second). */
export const BETWEENNESS_BUDGET = 5e7;
export const DEFAULT_SEED = 1;
/** Restarts whose modularity is within this of the best count as equally good partitions (their range is reported). */
export const NEAR_BEST = 0.005;
/** Edge keys pack two node indices below 2^26 into one safe integer... */
const SHIFT = 2 ** 26;
/** ...or, with at most 2^15 institutions, into a small integer (V8 keeps those unboxed: faster maps and sets). */
const keyShift = (nodes: number): number => (nodes <= 2 ** 15 ? 2 ** 15 : SHIFT);

interface YearTies {
  papers: number;
  nodes: Set<number>;
  venues: Set<string>;
  /** Institution pairs on papers (one per pair per paper) with both countries known, and the cross-border ones. */
  ties: number;
  crossTies: number;
  withinA: number;
  withinB: number;
  across: number;
}

/** An Int32 list that grows by doubling: the per-paper institution lists, kept for the second pass. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

export function networkAccumulator(context: AnalysisContext & { networkMaxNodes: number; seed: number; restarts?: number }): Accumulator<Network> {
  const [a, b] = context.pair;
  const names = new NodeNames();
  const index = new Map<string, number>();
  const keys: string[] = [];
  const countries: Array<string | null> = [];
  const papers: number[] = [];
  const tiesA: number[] = [];
  const tiesB: number[] = [];
  const years = new Map<number, YearTies>();
  // Every in-scope paper's institutions (node indices), its year, and where its list ends.
  const paperNodes = new IntList();
  const paperEnds = new IntList();
  const paperYears = new IntList();
  const stamps: number[] = [];
  const list: number[] = [];
  let paperCount = 0;
  const note = (affiliation: AffiliationView) => {
    if (affiliation.node === null) return;
    let i = index.get(affiliation.node);
    if (i === undefined) {
      i = keys.length;
      index.set(affiliation.node, i);
      keys.push(affiliation.node);
      countries.push(affiliation.country);
      papers.push(0);
      tiesA.push(0);
      tiesB.push(0);
      stamps.push(0);
      names.note(affiliation);
    }
    if (stamps[i] === paperCount) return;
    stamps[i] = paperCount;
    list.push(i);
  };
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      // The paper's distinct institutions (its authors', then those no author holds), deduplicated with a
      // per-node stamp (no per-paper allocation).
      paperCount++;
      list.length = 0;
      for (const author of view.authors) for (const affiliation of author.affiliations) note(affiliation);
      for (const affiliation of view.unattributed) note(affiliation);
      let year = years.get(view.paper.year);
      if (!year) years.set(view.paper.year, (year = { papers: 0, nodes: new Set(), venues: new Set(), ties: 0, crossTies: 0, withinA: 0, withinB: 0, across: 0 }));
      year.venues.add(view.paper.venue);
      year.papers++;
      list.sort((x, y) => x - y);
      for (const i of list) {
        papers[i]++;
        year.nodes.add(i);
        paperNodes.push(i);
      }
      paperEnds.push(paperNodes.length);
      paperYears.push(view.paper.year);
      for (let x = 0; x < list.length; x++) {
        const i = list[x];
        const ci = countries[i];
        for (let y = x + 1; y < list.length; y++) {
          const j = list[y];
          const cj = countries[j];
          if (cj === a) tiesA[i]++;
          if (cj === b) tiesB[i]++;
          if (ci === a) tiesA[j]++;
          if (ci === b) tiesB[j]++;
          if (ci === null || cj === null) continue;
          year.ties++;
          if (ci !== cj) year.crossTies++;
          if ((ci === a || ci === b) && (cj === a || cj === b)) {
            if (ci !== cj) year.across++;
            else if (ci === a) year.withinA++;
            else year.withinB++;
          }
        }
      }
    },
    finish() {
      if (keys.length >= SHIFT) throw new Error(`network: more than ${SHIFT} institutions`);
      const shift = keyShift(keys.length);

      // The graph of the institutions with the most papers, built in a second pass over the kept lists.
      const order = keys.map((_, i) => i).sort((x, y) => papers[y] - papers[x] || compareStrings(keys[x], keys[y]));
      const kept = order.slice(0, context.networkMaxNodes);
      const keptMask = new Uint8Array(keys.length);
      for (const i of kept) keptMask[i] = 1;
      const weights = new Map<number, number>();
      const yearEdges = new Map<number, Set<number>>([...years.keys()].map((year) => [year, new Set<number>()]));
      const onPaper: number[] = [];
      for (let p = 0, start = 0; p < paperEnds.length; start = paperEnds.data[p], p++) {
        onPaper.length = 0;
        for (let k = start; k < paperEnds.data[p]; k++) if (keptMask[paperNodes.data[k]]) onPaper.push(paperNodes.data[k]);
        const edges = yearEdges.get(paperYears.data[p]) as Set<number>;
        for (let x = 0; x < onPaper.length; x++) {
          for (let y = x + 1; y < onPaper.length; y++) {
            const key = onPaper[x] * shift + onPaper[y];
            weights.set(key, (weights.get(key) ?? 0) + 1);
            edges.add(key);
          }
        }
      }
      const mixingByYear = yearMixing(
        { nodes: paperNodes.data, ends: paperEnds.data, years: paperYears.data, papers: paperEnds.length },
        countries,
        context.pair,
        context.seed,
      );
      const byYear = [...years]
        .sort(([x], [y]) => x - y)
        .map(([year, ties]) => {
          const { replicates: _replicates, ...mixing } = mixingByYear.get(year) as NetworkMixing & { replicates: number[] };
          return yearStats(year, ties, yearEdges.get(year) as Set<number>, shift, countries, context.pair, mixing);
        });
      // First against last year only when both have the same venues: otherwise a change of venue mix would pass for a change of mixing.
      const mixingYears = [...mixingByYear].filter(([, m]) => m.replicates.length > 0).map(([year]) => year);
      const venuesOf = (year: number | undefined) => [...(year === undefined ? [] : (years.get(year)?.venues ?? []))].sort(compareStrings).join(', ');
      const sameVenues = mixingYears.length < 2 || venuesOf(mixingYears[0]) === venuesOf(mixingYears[mixingYears.length - 1]);
      const change = sameVenues
        ? mixingChange([...mixingByYear].map(([year, m]) => ({ year, replicates: m.replicates, assortativity: m.assortativity })))
        : null;
      const changeNote = sameVenues
        ? null
        : `The first and last years are not compared: their venues differ (${mixingYears[0]}: ${venuesOf(mixingYears[0])}; ` +
          `${mixingYears[mixingYears.length - 1]}: ${venuesOf(mixingYears[mixingYears.length - 1])}), so a change would mix venue and time.`;

      const graph = new UndirectedGraph<{ country: string | null; papers: number }, { weight: number }>();
      const byKey = [...kept].sort((x, y) => compareStrings(keys[x], keys[y]));
      for (const i of byKey) graph.addNode(keys[i], { country: countries[i], papers: papers[i] });
      // Edges in the order of their endpoint keys, so the graph (and Louvain) ignore the input order:
      // by (smaller key, larger key), sorted as the two ends' ranks in key order packed in one number.
      const keyRank = new Int32Array(keys.length);
      byKey.forEach((i, r) => (keyRank[i] = r));
      const packed = new Float64Array(weights.size);
      const edgeWeights = new Float64Array(weights.size);
      let e = 0;
      for (const [key, weight] of weights) {
        const i = Math.floor(key / shift);
        const ri = keyRank[i];
        const rj = keyRank[key - i * shift];
        packed[e] = ri < rj ? ri * byKey.length + rj : rj * byKey.length + ri;
        edgeWeights[e++] = weight;
      }
      const edgeOrder = Uint32Array.from({ length: e }, (_, k) => k).sort((p, q) => packed[p] - packed[q]);
      for (const k of edgeOrder) {
        const lo = Math.floor(packed[k] / byKey.length);
        graph.addEdge(keys[byKey[lo]], keys[byKey[packed[k] - lo * byKey.length]], { weight: edgeWeights[k] });
      }

      const restarts = context.restarts ?? DEFAULT_RESTARTS;
      const partition = bestOfLouvain(graph, context.pair, context.seed, restarts);
      // Renumber communities: largest first, ties by their smallest key.
      const members = new Map<number, string[]>();
      graph.forEachNode((node) => {
        const c = partition.communities[node];
        const list = members.get(c);
        if (list) list.push(node);
        else members.set(c, [node]);
      });
      const ranked = [...members.values()]
        .map((list) => list.sort(compareStrings))
        .sort((x, y) => y.length - x.length || compareStrings(x[0], y[0]));
      const communityOf = new Map<string, number>();
      ranked.forEach((list, id) => list.forEach((node) => communityOf.set(node, id)));
      const { weight: pairWeight, within: pairWithin } = pairTieShare(graph, partition.communities, a, b);
      const runs = partition.runs.length ? partition.runs : [partition.best];
      const span = (values: number[]): [number, number] => [round(Math.min(...values)), round(Math.max(...values))];
      const nearBest = runs.filter((r) => r.modularity >= partition.best.modularity - NEAR_BEST);

      const list: Community[] = ranked.slice(0, context.topN).map((nodes, id) => {
        const byCountry = new Map<string, number>();
        for (const node of nodes) {
          const country = graph.getNodeAttribute(node, 'country') ?? '?';
          byCountry.set(country, (byCountry.get(country) ?? 0) + 1);
        }
        const byPapers = [...nodes].sort((x, y) => graph.getNodeAttribute(y, 'papers') - graph.getNodeAttribute(x, 'papers') || compareStrings(x, y));
        return {
          id,
          institutions: nodes.length,
          papers: nodes.reduce((s, node) => s + graph.getNodeAttribute(node, 'papers'), 0),
          countries: [...byCountry]
            .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
            .slice(0, 5)
            .map(([country, institutions]) => ({ country, institutions })),
          pairInstitutions: [byCountry.get(a) ?? 0, byCountry.get(b) ?? 0],
          members: byPapers.slice(0, 8).map((node) => names.get(node).institution),
        };
      });

      // Betweenness costs nodes x edges: on dense graphs it runs on the top institutions that fit the budget.
      const rank = new Map(order.slice(0, kept.length).map((i, r) => [keys[i], r]));
      const bridgeGraph = budgetSubgraph(graph, rank, BETWEENNESS_BUDGET);
      const { betweenness, hops } = hopBridges(bridgeGraph, a, b);
      const weighted = weightedSourceTargetBetweenness(bridgeGraph, a, b);
      const hopRank = new Map(
        [...hops]
          .filter(([, value]) => value > 0)
          .sort(([x, m], [y, n]) => n - m || compareStrings(x, y))
          .map(([node], r) => [node, r + 1]),
      );
      const bridges: Bridge[] = [...weighted]
        .filter(([node, value]) => value > 0 || (hops.get(node) ?? 0) > 0)
        .sort(([x, m], [y, n]) => n - m || (hops.get(y) ?? 0) - (hops.get(x) ?? 0) || compareStrings(x, y))
        .slice(0, context.topN)
        .map(([node, value]) => {
          const info = names.get(node);
          const i = index.get(node) as number;
          return {
            institution: info.institution,
            institutionId: info.institutionId,
            country: countries[i],
            papers: papers[i],
            community: communityOf.get(node) ?? -1,
            pairBetweenness: round(value),
            pairBetweennessHops: round(hops.get(node) ?? 0),
            rankHops: hopRank.get(node) ?? null,
            betweenness: round(betweenness[node] ?? 0),
            tiesA: tiesA[i],
            tiesB: tiesB[i],
          };
        });

      return {
        pair: context.pair,
        communities: {
          algorithm: 'louvain-best-of-restarts',
          seed: context.seed,
          restarts,
          bestSeed: partition.best.seed,
          institutions: keys.length,
          nodes: graph.order,
          edges: graph.size,
          capped: keys.length > context.networkMaxNodes,
          maxNodes: context.networkMaxNodes,
          count: ranked.length,
          modularity: round(partition.best.modularity),
          pairTies: { weight: pairWeight, withinCommunity: pairWithin, share: pairWeight ? round(pairWithin / pairWeight) : 0 },
          range: {
            modularity: span(runs.map((r) => r.modularity)),
            pairShare: span(runs.map((r) => r.pairShare)),
            nearBest: {
              tolerance: NEAR_BEST,
              runs: nearBest.length,
              pairShare: span(nearBest.map((r) => r.pairShare)),
            },
          },
          list,
        },
        bridgeGraph: { nodes: bridgeGraph.order, edges: bridgeGraph.size, capped: bridgeGraph.order < graph.order },
        bridges,
        byYear,
        mixingChange: change,
        nationalLines: nationalLinesSentence(byYear, change, context.pair, changeNote),
      };
    },
  };
}

function yearStats(year: number, ties: YearTies, edges: Set<number>, shift: number, countries: Array<string | null>, pair: [string, string], mixing: NetworkMixing): NetworkYear {
  const [a, b] = pair;
  let known = 0;
  let cross = 0;
  const pairEdges = { withinA: 0, withinB: 0, across: 0 };
  for (const key of edges) {
    const i = Math.floor(key / shift);
    const ci = countries[i];
    const cj = countries[key - i * shift];
    if (ci === null || cj === null) continue;
    known++;
    if (ci !== cj) cross++;
    if (!((ci === a || ci === b) && (cj === a || cj === b))) continue;
    if (ci !== cj) pairEdges.across++;
    else if (ci === a) pairEdges.withinA++;
    else pairEdges.withinB++;
  }
  const pairTotal = pairEdges.withinA + pairEdges.withinB + pairEdges.across;
  const pairTies = ties.withinA + ties.withinB + ties.across;
  return {
    year,
    papers: ties.papers,
    institutions: ties.nodes.size,
    ties: ties.ties,
    crossBorderTieShare: ties.ties ? round(ties.crossTies / ties.ties) : 0,
    edges: edges.size,
    crossBorderShare: known ? round(cross / known) : 0,
    pair: {
      ...pairEdges,
      acrossShare: pairTotal ? round(pairEdges.across / pairTotal) : 0,
      ties: { withinA: ties.withinA, withinB: ties.withinB, across: ties.across },
      acrossTieShare: pairTies ? round(ties.across / pairTies) : 0,
    },
    mixing,
  };
}

