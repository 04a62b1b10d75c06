// Bridges between the two countries of the pair: source-target betweenness on the co-authorship graph,
// by hops (every tie counts the same) and weighted (distance = 1 / papers, so a path over strong ties
// is shorter than one over a single shared paper), and the budgeted subgraph it runs on.
import { UndirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { flatRows } from './betweenness.js';

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
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  const queue = new Int32Array(n);
  for (const s of sources) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    sigma[s] = 1;
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    let top = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++];
      stack[top++] = v;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = adjacency[e];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue[tail++] = w;
        }
        if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    while (top > 0) {
      const w = stack[--top];
      const carried = isTarget[w] + delta[w];
      for (let e = offsets[w]; e < offsets[w + 1]; e++) {
        const v = adjacency[e];
        if (dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * carried;
      }
      if (w !== s) score[w] += delta[w];
    }
  }
  return perPair(nodes, score, sources.length * targets);
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
  const dist = new Float64Array(n);
  const delta = new Float64Array(n);
  const done = new Uint8Array(n);
  const stack = new Int32Array(n);
  // a node's predecessors are among its neighbours: each node's list lives in its adjacency range
  const predecessors = new Int32Array(neighbours.length);
  const predecessorCount = new Int32Array(n);
  const heap = new MinHeap(neighbours.length + 1);
  for (const s of sources) {
    sigma.fill(0);
    dist.fill(Infinity);
    delta.fill(0);
    done.fill(0);
    predecessorCount.fill(0);
    let top = 0;
    sigma[s] = 1;
    dist[s] = 0;
    heap.push(0, s);
    while (heap.size > 0) {
      const d = heap.topKey();
      const v = heap.pop();
      if (done[v] || d > dist[v]) continue;
      done[v] = 1;
      stack[top++] = v;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = neighbours[e];
        if (done[w]) continue;
        const candidate = dist[v] + lengths[e];
        if (candidate < dist[w] - EPSILON * candidate) {
          dist[w] = candidate;
          sigma[w] = sigma[v];
          predecessors[offsets[w]] = v;
          predecessorCount[w] = 1;
          heap.push(candidate, w);
        } else if (Math.abs(candidate - dist[w]) <= EPSILON * candidate) {
          sigma[w] += sigma[v];
          predecessors[offsets[w] + predecessorCount[w]++] = v;
        }
      }
    }
    while (top > 0) {
      const w = stack[--top];
      const carried = isTarget[w] + delta[w];
      for (let k = offsets[w], end = offsets[w] + predecessorCount[w]; k < end; k++) {
        const v = predecessors[k];
        delta[v] += (sigma[v] / sigma[w]) * carried;
      }
      if (w !== s) score[w] += delta[w];
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

/** A binary min-heap of (priority, node) in typed arrays, ties by node index (deterministic). */
class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.values = new Int32Array(Math.max(1, capacity));
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(key < keys[parent] || (key === keys[parent] && value < values[parent]))) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the smallest entry and returns its node (its key is topKey() before the call). */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0];
    const last = --this.size;
    if (last > 0) {
      const key = keys[last];
      const value = values[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let m = l;
        if (r < last && (keys[r] < keys[l] || (keys[r] === keys[l] && values[r] < values[l]))) m = r;
        if (!(keys[m] < key || (keys[m] === key && values[m] < value))) break;
        keys[i] = keys[m];
        values[i] = values[m];
        i = m;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
