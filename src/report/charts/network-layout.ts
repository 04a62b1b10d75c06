// The institution network of the pair's collaboration papers, laid out once on the server: the
// institutions with the most collaboration papers, joined when they co-authored one, placed with
// ForceAtlas2 (graphology) from a fixed start, so the same papers always give the same picture.
// Labels are placed greedily, largest institutions first, where they overlap no other label or node.
import { UndirectedGraph } from 'graphology';
import forceAtlas2Import from 'graphology-layout-forceatlas2';
import type { Definitions, Paper } from '../../types.js';
import { affiliationCountry, countedAffiliations, countedAuthors, paperHasPair, paperInScope } from '../../definitions.js';
import { loadOrganisations, organisationNode, type OrganisationGraph } from '../../kb/organisations.js';
import { textWidth } from './metrics.js';

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
  /** Institutions of the drawing it co-authored with. */
  partners: number;
  x: number;
  y: number;
  /** Radius in pixels. */
  r: number;
  label: { text: string; x: number; y: number; align: 'left' | 'right' | 'center' } | null;
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
  width: number;
  height: number;
  nodes: NetworkNode[];
  links: NetworkEdge[];
}

export interface NetworkOptions {
  maxNodes?: number;
  width?: number;
  height?: number;
  /** Parent links for the institution level (default: the knowledge base's). */
  organisations?: OrganisationGraph;
}

export const NETWORK_MAX_NODES = 40;
const LABEL_FONT = 11;
const LABEL_CHARS = 38;

/** The institutions (nodes) of one paper's counted affiliations, under the definitions. */
export function paperInstitutions(
  paper: Paper,
  definitions: Definitions,
  organisations: OrganisationGraph = loadOrganisations(),
): Map<string, { institution: string; country: string | null }> {
  const nodes = new Map<string, { institution: string; country: string | null }>();
  for (const author of countedAuthors(paper.authors, definitions)) {
    for (const affiliation of countedAffiliations(author, definitions)) {
      const country = affiliationCountry(affiliation, definitions);
      // the analytics' node at the institution level in force (src/kb/organisations.ts)
      const node = organisationNode(affiliation, country, definitions, organisations);
      if (node === null || nodes.has(node.key)) continue;
      nodes.set(node.key, { institution: node.name, country });
    }
  }
  return nodes;
}

export function layoutNetwork(papers: Iterable<Paper>, pair: [string, string], definitions: Definitions, options: NetworkOptions = {}): NetworkLayout {
  const maxNodes = options.maxNodes ?? NETWORK_MAX_NODES;
  const width = options.width ?? 760;
  const height = options.height ?? 520;
  const info = new Map<string, { institution: string; country: string | null; papers: number }>();
  const edgeCounts = new Map<string, number>();
  let pairPapers = 0;
  for (const paper of papers) {
    if (!paperInScope(paper, definitions) || !paperHasPair(paper, pair, definitions)) continue;
    pairPapers++;
    const nodes = paperInstitutions(paper, definitions, options.organisations);
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
  const kept = [...info]
    .sort(([ka, a], [kb, b]) => b.papers - a.papers || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, maxNodes);
  const keptKeys = new Set(kept.map(([key]) => key));
  const keptEdges = [...edgeCounts]
    .map(([edge, n]) => {
      const [source, target] = edge.split('\t');
      return { source, target, papers: n };
    })
    .filter((e) => keptKeys.has(e.source) && keptKeys.has(e.target));

  const positions = layout(kept.map(([key]) => key), keptEdges);
  const sideOf = (country: string | null): NetworkNode['side'] => (country === pair[0] ? 'A' : country === pair[1] ? 'B' : 'other');
  const maxPapers = Math.max(1, ...kept.map(([, n]) => n.papers));
  const partners = new Map<string, number>();
  for (const e of keptEdges) {
    partners.set(e.source, (partners.get(e.source) ?? 0) + 1);
    partners.set(e.target, (partners.get(e.target) ?? 0) + 1);
  }
  const margin = 24;
  const nodes: NetworkNode[] = kept.map(([key, n]) => {
    const p = positions.get(key) ?? { x: 0.5, y: 0.5 };
    return {
      key,
      institution: n.institution,
      country: n.country,
      side: sideOf(n.country),
      papers: n.papers,
      partners: partners.get(key) ?? 0,
      x: round(margin + p.x * (width - 2 * margin)),
      y: round(margin + p.y * (height - 2 * margin)),
      r: round(3.5 + 13 * Math.sqrt(n.papers / maxPapers)),
      label: null,
    };
  });
  placeLabels(nodes, width, height);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const links: NetworkEdge[] = keptEdges
    .sort((a, b) => a.papers - b.papers || (a.source + a.target < b.source + b.target ? -1 : 1))
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
  return { pair, pairPapers, institutions: info.size, edges: edgeCounts.size, maxNodes, width, height, nodes, links };
}

/** ForceAtlas2 from a sunflower start (deterministic), normalised to the unit square. */
function layout(keys: string[], edges: Array<{ source: string; target: string; papers: number }>): Map<string, { x: number; y: number }> {
  const graph = new UndirectedGraph();
  const golden = Math.PI * (3 - Math.sqrt(5));
  keys.forEach((key, i) => graph.addNode(key, { x: Math.sqrt(i + 0.5) * Math.cos(i * golden), y: Math.sqrt(i + 0.5) * Math.sin(i * golden) }));
  for (const e of edges) graph.addEdge(e.source, e.target, { weight: e.papers });
  if (graph.order > 1) {
    forceAtlas2.assign(graph, {
      iterations: 400,
      getEdgeWeight: 'weight',
      settings: { ...forceAtlas2.inferSettings(graph), gravity: 0.5, strongGravityMode: true, scalingRatio: 8, barnesHutOptimize: false, linLogMode: true },
    });
  }
  const points = keys.map((key) => ({ key, x: graph.getNodeAttribute(key, 'x') as number, y: graph.getNodeAttribute(key, 'y') as number }));
  const span = (values: number[]) => [Math.min(...values), Math.max(...values)] as const;
  const [x0, x1] = span(points.map((p) => p.x));
  const [y0, y1] = span(points.map((p) => p.y));
  const unit = (v: number, lo: number, hi: number) => (hi - lo > 1e-9 ? (v - lo) / (hi - lo) : 0.5);
  return new Map(points.map((p) => [p.key, { x: unit(p.x, x0, x1), y: unit(p.y, y0, y1) }]));
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Greedy placement: right, left, above, below each node, largest first; nodes with no free spot stay unlabelled. */
function placeLabels(nodes: NetworkNode[], width: number, height: number): void {
  const placed: Box[] = [];
  const circles: Array<Box & { key: string }> = nodes.map((n) => ({ key: n.key, x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r }));
  const order = [...nodes].sort((a, b) => b.papers - a.papers);
  for (const node of order) {
    const text = node.institution.length > LABEL_CHARS ? `${node.institution.slice(0, LABEL_CHARS - 1).trimEnd()}…` : node.institution;
    const w = textWidth(text, LABEL_FONT);
    const h = LABEL_FONT + 2;
    const gap = 3;
    const candidates: Array<{ box: Box; label: NonNullable<NetworkNode['label']> }> = [
      { box: { x0: node.x + node.r + gap, y0: node.y - h / 2, x1: node.x + node.r + gap + w, y1: node.y + h / 2 }, label: { text, x: node.x + node.r + gap, y: node.y, align: 'left' } },
      { box: { x0: node.x - node.r - gap - w, y0: node.y - h / 2, x1: node.x - node.r - gap, y1: node.y + h / 2 }, label: { text, x: node.x - node.r - gap, y: node.y, align: 'right' } },
      { box: { x0: node.x - w / 2, y0: node.y - node.r - gap - h, x1: node.x + w / 2, y1: node.y - node.r - gap }, label: { text, x: node.x, y: node.y - node.r - gap - h / 2, align: 'center' } },
      { box: { x0: node.x - w / 2, y0: node.y + node.r + gap, x1: node.x + w / 2, y1: node.y + node.r + gap + h }, label: { text, x: node.x, y: node.y + node.r + gap + h / 2, align: 'center' } },
    ];
    for (const candidate of candidates) {
      const { box } = candidate;
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      if (circles.some((c) => c.key !== node.key && overlaps(c, box))) continue;
      placed.push(box);
      node.label = { ...candidate.label, x: round(candidate.label.x), y: round(candidate.label.y) };
      break;
    }
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
