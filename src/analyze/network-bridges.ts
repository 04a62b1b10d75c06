// Bridges between the two countries of the pair: source-target betweenness on the co-authorship graph,
// by hops (every tie counts the same) and weighted (distance = 1 / papers, so a path over strong ties
// is shorter than one over a single shared paper), and the budgeted subgraph it runs on.
import { UndirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { betweennessCentrality, betweennessOf, flatRows, hopNeighbourhoods, hopSearches } from './betweenness.js';

/**
 * The subgraph of the k highest-ranked nodes (rank 0 = most papers), for the largest k with
 * k x (edges among them) <= budget. The whole graph when it fits.
 */
export function budgetSubgraph<N extends Attributes, E extends Attributes>(
  graph: UndirectedGraph<N, E>,
  rank: Map<string, number>,
  budget: number,
): UndirectedGraph<N, E> {
  if (graph.order * graph.size <= budget) return graph;
  // edgesUpTo[k] = edges whose endpoints both rank below k.
  const edgesUpTo = new Array<number>(graph.order + 1).fill(0);
  graph.forEachEdge((_edge, _attributes, source, target) => {
    edgesUpTo[Math.max(rank.get(source) as number, rank.get(target) as number) + 1]++;
  });
  for (let k = 1; k <= graph.order; k++) edgesUpTo[k] += edgesUpTo[k - 1];
  let k = graph.order;
  while (k > 1 && k * edgesUpTo[k] > budget) k--;
  const sub = new UndirectedGraph<N, E>();
  graph.forEachNode((node, attributes) => {
    if ((rank.get(node) as number) < k) sub.addNode(node, attributes);
  });
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (sub.hasNode(source) && sub.hasNode(target)) sub.addEdge(source, target, attributes);
  });
  return sub;
}

/** The A institutions (sources, by position in `nodes`), a mask of the B institutions, and their number. */
function endpoints(graph: UndirectedGraph<{ country: string | null }, Attributes>, nodes: string[], a: string, b: string) {
  const isTarget = new Uint8Array(nodes.length);
  const sources: number[] = [];
  nodes.forEach((node, i) => {
    const country = graph.getNodeAttribute(node, 'country');
    if (country === a) sources.push(i);
    if (country === b) isTarget[i] = 1;
  });
  return { sources, isTarget, targets: isTarget.reduce((s, t) => s + t, 0) };
}

/**
 * Source-target betweenness (Brandes 2008, hop distance): for every node, the number of shortest
 * paths from an institution of country `a` to an institution of country `b` that pass through it,
 * each source-target pair's paths sharing one unit, divided by |a| x |b|. Endpoints get no credit
 * for paths they start or end. O(|a| x edges).
 */
export function sourceTargetBetweenness(
  graph: UndirectedGraph<{ country: string | null }>,
  a: string,
  b: string,
): Map<string, number> {
  const nodes = graph.nodes();
  const position = new Map(nodes.map((node, i) => [node, i]));
  const n = nodes.length;
  const { offsets, values: adjacency } = flatRows(nodes.map((node) => graph.neighbors(node).map((m) => position.get(m) as number).sort((x, y) => x - y)));
  const { sources, isTarget, targets } = endpoints(graph, nodes, a, b);
  const score = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  // the BFS queue in the order nodes are reached (read backwards: the stack), and each node's
  // predecessors, kept in its own adjacency range (offsets[w] up to predecessorEnd[w]), in adjacency order
  const queue = new Int32Array(n);
  const predecessors = new Int32Array(adjacency.length);
  const predecessorEnd = new Int32Array(n);
  for (const s of sources) {
    // only the nodes the last source reached were touched: dist is reset on them at the end, and
    // sigma, delta and predecessorEnd are set when a node is reached
    sigma[s] = 1;
    dist[s] = 0;
    delta[s] = 0;
    predecessorEnd[s] = offsets[s];
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++];
      const next = dist[v] + 1;
      for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
        const w = adjacency[e];
        const d = dist[w];
        if (d < 0) {
          dist[w] = next;
          queue[tail++] = w;
          sigma[w] = sigma[v];
          delta[w] = 0;
          predecessors[offsets[w]] = v;
          predecessorEnd[w] = offsets[w] + 1;
        } else if (d === next) {
          sigma[w] += sigma[v];
          predecessors[predecessorEnd[w]++] = v;
        }
      }
    }
    for (let k = tail - 1; k >= 0; k--) {
      const w = queue[k];
      const carried = isTarget[w] + delta[w];
      for (let e = offsets[w], end = predecessorEnd[w]; e < end; e++) {
        const v = predecessors[e];
        delta[v] += (sigma[v] / sigma[w]) * carried;
      }
      if (w !== s) score[w] += delta[w];
    }
    for (let k = 0; k < tail; k++) dist[queue[k]] = -1;
  }
  return perPair(nodes, score, sources.length * targets);
}

/**
 * betweennessCentrality(graph) (empty on a graph without edges) and sourceTargetBetweenness(graph, a, b)
 * from one set of searches when they are the same searches (every node's neighbours come in position
 * order and no path count passes 2^32); otherwise each on its own. Same figures to the bit either way.
 */
export function hopBridges(
  graph: UndirectedGraph<{ country: string | null }>,
  a: string,
  b: string,
): { betweenness: Record<string, number>; hops: Map<string, number> } {
  if (graph.size === 0) return { betweenness: {}, hops: sourceTargetBetweenness(graph, a, b) };
  const nodes = graph.nodes();
  if (!hopNeighbourhoods(graph, nodes).ascending) return { betweenness: betweennessCentrality(graph), hops: sourceTargetBetweenness(graph, a, b) };
  const { sources, isTarget, targets } = endpoints(graph, nodes, a, b);
  const isSource = new Uint8Array(nodes.length);
  for (const s of sources) isSource[s] = 1;
  const { centrality, score, wrapped } = hopSearches(graph, nodes, { isSource, isTarget });
  return { betweenness: betweennessOf(nodes, centrality), hops: wrapped ? sourceTargetBetweenness(graph, a, b) : perPair(nodes, score, sources.length * targets) };
}

/** Relative tolerance for equal weighted path lengths (sums of 1/papers). */
const EPSILON = 1e-9;

/**
 * Source-target betweenness with weighted distances (Brandes 2008 with Dijkstra): an edge of weight w
 * (papers) has length 1 / w. Same normalisation as sourceTargetBetweenness. O(|a| x edges x log nodes).
 */
export function weightedSourceTargetBetweenness(
  graph: UndirectedGraph<{ country: string | null }, { weight: number }>,
  a: string,
  b: string,
): Map<string, number> {
  const nodes = graph.nodes();
  const n = nodes.length;
  const { offsets, targets: neighbours, lengths } = weightedAdjacency(graph, nodes);
  const { sources, isTarget, targets } = endpoints(graph, nodes, a, b);
  const score = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Float64Array(n).fill(Infinity);
  const delta = new Float64Array(n);
  const done = new Uint8Array(n);
  // the nodes in the order they are settled (read backwards: the stack)
  const settled = new Int32Array(n);
  // a node's predecessors are among its neighbours: each node's list lives in its adjacency range,
  // from offsets[w] up to predecessorEnd[w]
  const predecessors = new Int32Array(neighbours.length);
  const predecessorEnd = new Int32Array(n);
  const heap = new NodeHeap(n);
  for (const s of sources) {
    // only the nodes the last source reached were touched: dist and done are reset on them at the end,
    // and sigma, delta and predecessorEnd are set when a node is reached
    let count = 0;
    sigma[s] = 1;
    dist[s] = 0;
    delta[s] = 0;
    predecessorEnd[s] = offsets[s];
    heap.set(0, s);
    while (heap.size > 0) {
      const v = heap.pop();
      done[v] = 1;
      settled[count++] = v;
      const from = dist[v];
      for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
        const w = neighbours[e];
        if (done[w]) continue;
        const candidate = from + lengths[e];
        const known = dist[w];
        if (candidate < known - EPSILON * candidate) {
          if (known === Infinity) delta[w] = 0;
          dist[w] = candidate;
          sigma[w] = sigma[v];
          predecessors[offsets[w]] = v;
          predecessorEnd[w] = offsets[w] + 1;
          heap.set(candidate, w);
        } else if (Math.abs(candidate - known) <= EPSILON * candidate) {
          sigma[w] += sigma[v];
          predecessors[predecessorEnd[w]++] = v;
        }
      }
    }
    for (let k = count - 1; k >= 0; k--) {
      const w = settled[k];
      const carried = isTarget[w] + delta[w];
      for (let e = offsets[w], end = predecessorEnd[w]; e < end; e++) {
        const v = predecessors[e];
        delta[v] += (sigma[v] / sigma[w]) * carried;
      }
      if (w !== s) score[w] += delta[w];
    }
    for (let k = 0; k < count; k++) {
      dist[settled[k]] = Infinity;
      done[settled[k]] = 0;
    }
  }
  return perPair(nodes, score, sources.length * targets);
}

/** Each node's neighbours in index order with the edge length 1 / papers, as flat arrays (CSR). */
function weightedAdjacency(graph: UndirectedGraph<{ country: string | null }, { weight: number }>, nodes: string[]) {
  const position = new Map(nodes.map((node, i) => [node, i]));
  const lists: Array<Array<[number, number]>> = nodes.map(() => []);
  graph.forEachEdge((_edge, attributes, source, target) => {
    const x = position.get(source) as number;
    const y = position.get(target) as number;
    const length = 1 / attributes.weight;
    lists[x].push([y, length]);
    lists[y].push([x, length]);
  });
  const offsets = new Int32Array(nodes.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
  const targets = new Int32Array(offsets[nodes.length]);
  const lengths = new Float64Array(offsets[nodes.length]);
  lists.forEach((list, i) => {
    list.sort((p, q) => p[0] - q[0]);
    list.forEach(([y, length], k) => {
      targets[offsets[i] + k] = y;
      lengths[offsets[i] + k] = length;
    });
  });
  return { offsets, targets, lengths };
}

/** Each node's accumulated score divided by the number of source-target pairs (0 when there are none). */
function perPair(nodes: string[], score: Float64Array, pairs: number): Map<string, number> {
  const result = new Map<string, number>();
  nodes.forEach((node, i) => result.set(node, pairs ? score[i] / pairs : 0));
  return result;
}

/**
 * A binary min-heap of nodes by priority, ties by node index (deterministic), each node in it at most
 * once: set() inserts a node or lowers its priority. Its pops come in the same order as those of a heap
 * holding every (priority, node) pushed and skipping the outdated ones, with fewer entries to sift.
 */
class NodeHeap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  /** Where each node is in the heap, -1 when it is not in it. */
  private readonly at: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.nodes = new Int32Array(Math.max(1, capacity));
    this.at = new Int32Array(Math.max(1, capacity)).fill(-1);
  }

  /** Inserts the node with this priority, or lowers its priority to this one (never raises it). */
  set(key: number, node: number): void {
    const { keys, nodes, at } = this;
    let i = at[node];
    if (i < 0) i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(key < keys[parent] || (key === keys[parent] && node < nodes[parent]))) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      at[nodes[i]] = i;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
    at[node] = i;
  }

  /** Removes the node with the smallest priority and returns it. */
  pop(): number {
    const { keys, nodes, at } = this;
    const top = nodes[0];
    at[top] = -1;
    const last = --this.size;
    if (last > 0) {
      const key = keys[last];
      const node = nodes[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let m = l;
        if (r < last && (keys[r] < keys[l] || (keys[r] === keys[l] && nodes[r] < nodes[l]))) m = r;
        if (!(keys[m] < key || (keys[m] === key && nodes[m] < node))) break;
        keys[i] = keys[m];
        nodes[i] = nodes[m];
        at[nodes[i]] = i;
        i = m;
      }
      keys[i] = key;
      nodes[i] = node;
      at[node] = i;
    }
    return top;
  }
}
