// The institution network of the pair's collaboration papers, laid out once on the server: the
// institutions with the most collaboration papers; a line for each institution's strongest ties (its
// backbone, so hubs and their spokes show instead of a hairball); placed with ForceAtlas2
// (graphology) on those lines from a fixed start, so the same papers always give the same picture.
// The leading institutions and the pair's bridges (summary.network.bridges) are labelled, the rest
// sized and coloured only (network-labels.ts).
import { UndirectedGraph } from 'graphology';
import forceAtlas2Import from 'graphology-layout-forceatlas2';
import type { Affiliation, Definitions, Paper } from '../../types.js';
import { affiliationCountry, countedPaperAffiliations, paperHasPair, paperInScope } from '../../definitions.js';
import { loadOrganisations, organisationNode, type OrganisationGraph } from '../../kb/organisations.js';
import { placeLabels, round, shortLabel, type Label } from './network-labels.js';

/** graphology's CommonJS packages declare `export default`; under NodeNext the value is the module itself. */
function cjsDefault<T>(module: { default: T }): T {
  return ((module as { default?: T }).default ?? module) as T;
}
const forceAtlas2 = cjsDefault(forceAtlas2Import);

export interface NetworkNode {
  /** Institution node key (as in the analytics: knowledge-base id or name, at a country). */
  key: string;
  institution: string;
  country: string | null;
  side: 'A' | 'B' | 'other';
  /** Collaboration papers the institution is on. */
  papers: number;
  /** Institutions of the drawing it co-authored with (drawn or not). */
  partners: number;
  /** Rank among the pair's bridges (1 = highest A-B betweenness) when it is one of the leading ones, else null. */
  bridge: number | null;
  x: number;
  y: number;
  /** Radius in pixels: the area grows with papers (see nodeRadius). */
  r: number;
  label: Label | null;
}

export interface NetworkEdge {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  /** Collaboration papers both are on. */
  papers: number;
  /** Joins an institution of A with one of B. */
  across: boolean;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

export interface NetworkLayout {
  pair: [string, string];
  /** In-scope collaboration papers of the pair. */
  pairPapers: number;
  /** Institutions on them, and the edges among those institutions, before the cap. */
  institutions: number;
  edges: number;
  maxNodes: number;
  /** Ties among the drawn institutions, and how many strongest ties per institution are drawn. */
  keptEdges: number;
  tiesPerNode: number;
  width: number;
  height: number;
  /** Largest number of papers of a drawn institution (the size scale's domain). */
  maxPapers: number;
  nodes: NetworkNode[];
  /** The drawn lines: each institution's strongest ties. */
  links: NetworkEdge[];
}

/** An institution of the pair's bridges, as summary.network.bridges lists them (highest first). */
export interface BridgeRef {
  institution: string;
  institutionId: string | null;
  country: string | null;
}

export interface NetworkOptions {
  maxNodes?: number;
  width?: number;
  height?: number;
  /** How many of each institution's strongest ties are drawn. */
  tiesPerNode?: number;
  /** How many institutions get a label (the bridges' labels come on top). */
  labels?: number;
  /** The pair's bridges, highest first (summary.network.bridges); the first `bridges` drawn ones are marked. */
  bridgeList?: BridgeRef[];
  bridges?: number;
  /** Parent links for the institution level (default: the knowledge base's). */
  organisations?: OrganisationGraph;
}

export const NETWORK_MAX_NODES = 50;
export const NETWORK_TIES_PER_NODE = 2;
export const NETWORK_LABELS = 20;
export const NETWORK_BRIDGES = 5;
/** Circle areas: from MIN_R for one paper to MAX_R for the drawing's largest institution. */
export const NODE_MIN_R = 3;
export const NODE_MAX_R = 17;

/** Radius of a node with `papers` of at most `maxPapers`: area linear in papers (what the size legend shows). */
export function nodeRadius(papers: number, maxPapers: number): number {
  return Math.sqrt(nodeArea(papers, maxPapers) / Math.PI);
}

export function nodeArea(papers: number, maxPapers: number): number {
  const [lo, hi] = sizeRange();
  return lo + (hi - lo) * (papers / Math.max(1, maxPapers));
}

/** Areas in px² for zero and for the largest institution: the chart's size scale range. */
export function sizeRange(): [number, number] {
  return [Math.PI * NODE_MIN_R * NODE_MIN_R, Math.PI * NODE_MAX_R * NODE_MAX_R];
}

interface NodeInfo {
  institution: string;
  id: string | null;
  country: string | null;
}

/** The institutions (nodes) of one paper's counted affiliations, under the definitions. */
export function paperInstitutions(paper: Paper, definitions: Definitions, organisations: OrganisationGraph = loadOrganisations()): Map<string, NodeInfo> {
  const nodes = new Map<string, NodeInfo>();
  const note = (affiliation: Affiliation) => {
    const country = affiliationCountry(affiliation, definitions);
    // the analytics' node at the institution level in force (src/kb/organisations.ts)
    const node = organisationNode(affiliation, country, definitions, organisations);
    if (node !== null && !nodes.has(node.key)) nodes.set(node.key, { institution: node.name, id: node.id, country });
  };
  countedPaperAffiliations(paper, definitions).forEach(note);
  return nodes;
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Tie {
  source: string;
  target: string;
  papers: number;
}

/** Each node's `k` strongest ties (more papers first, then by key), as one set. */
export function strongestTies(ties: Tie[], k: number): Tie[] {
  const byNode = new Map<string, Tie[]>();
  for (const tie of ties) {
    for (const end of [tie.source, tie.target]) {
      const list = byNode.get(end);
      if (list) list.push(tie);
      else byNode.set(end, [tie]);
    }
  }
  const kept = new Set<Tie>();
  for (const list of byNode.values()) {
    list.sort((x, y) => y.papers - x.papers || compareStrings(x.source + x.target, y.source + y.target));
    for (const tie of list.slice(0, k)) kept.add(tie);
  }
  return ties.filter((tie) => kept.has(tie));
}

export function layoutNetwork(papers: Iterable<Paper>, pair: [string, string], definitions: Definitions, options: NetworkOptions = {}): NetworkLayout {
  const maxNodes = options.maxNodes ?? NETWORK_MAX_NODES;
  const tiesPerNode = options.tiesPerNode ?? NETWORK_TIES_PER_NODE;
  const width = options.width ?? 980;
  const height = options.height ?? 600;
  const organisations = options.organisations ?? loadOrganisations();
  const info = new Map<string, NodeInfo & { papers: number }>();
  const edgeCounts = new Map<string, number>();
  let pairPapers = 0;
  for (const paper of papers) {
    if (!paperInScope(paper, definitions) || !paperHasPair(paper, pair, definitions)) continue;
    pairPapers++;
    const nodes = paperInstitutions(paper, definitions, organisations);
    for (const [key, node] of nodes) {
      const entry = info.get(key);
      if (entry) entry.papers++;
      else info.set(key, { ...node, papers: 1 });
    }
    const keys = [...nodes.keys()].sort();
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const edge = `${keys[i]}\t${keys[j]}`;
        edgeCounts.set(edge, (edgeCounts.get(edge) ?? 0) + 1);
      }
    }
  }
  const kept = [...info].sort(([ka, a], [kb, b]) => b.papers - a.papers || compareStrings(ka, kb)).slice(0, maxNodes);
  const keptKeys = new Set(kept.map(([key]) => key));
  const keptEdges = [...edgeCounts]
    .map(([edge, n]) => {
      const [source, target] = edge.split('\t');
      return { source, target, papers: n };
    })
    .filter((e) => keptKeys.has(e.source) && keptKeys.has(e.target));
  const drawn = strongestTies(keptEdges, tiesPerNode);

  const positions = layout(kept.map(([key]) => key), drawn);
  const sideOf = (country: string | null): NetworkNode['side'] => (country === pair[0] ? 'A' : country === pair[1] ? 'B' : 'other');
  const maxPapers = Math.max(1, ...kept.map(([, n]) => n.papers));
  const partners = new Map<string, number>();
  for (const e of keptEdges) {
    partners.set(e.source, (partners.get(e.source) ?? 0) + 1);
    partners.set(e.target, (partners.get(e.target) ?? 0) + 1);
  }
  const bridgeRank = bridgeRanks(kept, options.bridgeList ?? [], options.bridges ?? NETWORK_BRIDGES);
  // room for a label beside the outermost circles
  const margin = { x: 30, y: 22 };
  const nodes: NetworkNode[] = kept.map(([key, n]) => {
    const p = positions.get(key) ?? { x: 0.5, y: 0.5 };
    return {
      key,
      institution: n.institution,
      country: n.country,
      side: sideOf(n.country),
      papers: n.papers,
      partners: partners.get(key) ?? 0,
      bridge: bridgeRank.get(key) ?? null,
      x: round(margin.x + p.x * (width - 2 * margin.x)),
      y: round(margin.y + p.y * (height - 2 * margin.y)),
      r: round(nodeRadius(n.papers, maxPapers)),
      label: null,
    };
  });
  // the same organisation drawn at two countries (a company's labs) carries the country in its label
  const nameCount = new Map<string, number>();
  for (const [, n] of kept) nameCount.set(n.institution, (nameCount.get(n.institution) ?? 0) + 1);
  const texts = new Map(
    kept.map(([key, n]) => {
      const text = shortLabel(n.institution, n.id ? (organisations.get(n.id)?.acronym ?? null) : null, bridgeRank.has(key));
      return [key, { text: (nameCount.get(n.institution) ?? 0) > 1 ? `${text} (${n.country ?? '?'})` : text, bold: bridgeRank.has(key) }];
    }),
  );
  // bridges first, then the institutions with most papers (nodes are already in that order)
  const wanted = [...nodes.filter((n) => n.bridge !== null).sort((x, y) => (x.bridge as number) - (y.bridge as number)), ...nodes.filter((n) => n.bridge === null)].slice(
    0,
    Math.max(options.labels ?? NETWORK_LABELS, bridgeRank.size),
  );
  placeLabels(nodes, wanted, texts, width, height);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const links: NetworkEdge[] = drawn
    .sort((a, b) => a.papers - b.papers || compareStrings(a.source + a.target, b.source + b.target))
    .map((e) => {
      const s = byKey.get(e.source)!;
      const t = byKey.get(e.target)!;
      return {
        source: e.source,
        target: e.target,
        sourceName: s.institution,
        targetName: t.institution,
        papers: e.papers,
        across: (s.side === 'A' && t.side === 'B') || (s.side === 'B' && t.side === 'A'),
        x: s.x,
        y: s.y,
        x2: t.x,
        y2: t.y,
      };
    });
  return {
    pair,
    pairPapers,
    institutions: info.size,
    edges: edgeCounts.size,
    maxNodes,
    keptEdges: keptEdges.length,
    tiesPerNode,
    width,
    height,
    maxPapers,
    nodes,
    links,
  };
}

/** Rank (1 = first) of the first `limit` bridges that are drawn, by node key. */
function bridgeRanks(kept: Array<[string, NodeInfo]>, bridges: BridgeRef[], limit: number): Map<string, number> {
  const keyOf = (id: string | null, name: string, country: string | null) => `${id ?? `name:${name.toLowerCase()}`}@${country ?? '?'}`;
  const drawnKeys = new Map(kept.map(([key, n]) => [keyOf(n.id, n.institution, n.country), key]));
  const ranks = new Map<string, number>();
  for (const bridge of bridges) {
    if (ranks.size >= limit) break;
    const key = drawnKeys.get(keyOf(bridge.institutionId, bridge.institution, bridge.country));
    if (key !== undefined && !ranks.has(key)) ranks.set(key, ranks.size + 1);
  }
  return ranks;
}

/** ForceAtlas2 from a sunflower start (deterministic), normalised to the unit square. */
function layout(keys: string[], edges: Tie[]): Map<string, { x: number; y: number }> {
  const graph = new UndirectedGraph();
  const golden = Math.PI * (3 - Math.sqrt(5));
  keys.forEach((key, i) => graph.addNode(key, { x: Math.sqrt(i + 0.5) * Math.cos(i * golden), y: Math.sqrt(i + 0.5) * Math.sin(i * golden) }));
  for (const e of edges) graph.addEdge(e.source, e.target, { weight: e.papers });
  if (graph.order > 1) {
    forceAtlas2.assign(graph, {
      iterations: 500,
      getEdgeWeight: 'weight',
      settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, strongGravityMode: true, scalingRatio: 10, barnesHutOptimize: false, linLogMode: false, outboundAttractionDistribution: true },
    });
  }
  const points = keys.map((key) => ({ key, x: graph.getNodeAttribute(key, 'x') as number, y: graph.getNodeAttribute(key, 'y') as number }));
  const span = (values: number[]) => [Math.min(...values), Math.max(...values)] as const;
  const [x0, x1] = span(points.map((p) => p.x));
  const [y0, y1] = span(points.map((p) => p.y));
  const unit = (v: number, lo: number, hi: number) => (hi - lo > 1e-9 ? (v - lo) / (hi - lo) : 0.5);
  return new Map(points.map((p) => [p.key, { x: unit(p.x, x0, x1), y: unit(p.y, y0, y1) }]));
}
