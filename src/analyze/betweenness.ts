// Betweenness centrality (Brandes 2001, hop distance, normalised by (n-1)(n-2)), computed exactly as
// graphology-metrics' betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) does,
// operation for operation (same neighbour order, same sums in the same order, 32-bit path counts),
// so its figures are the same to the last bit; but over flat arrays, without a predecessor list
// allocated per node per source, which made it the slowest step of the analytics.
import type { UndirectedGraph } from 'graphology';

/** Rows of numbers as one flat array and the offset where each row starts (row i: values[offsets[i]..offsets[i + 1])). */
export function flatRows(lists: number[][]): { offsets: Int32Array; values: Int32Array } {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
  const values = new Int32Array(offsets[lists.length]);
  lists.forEach((list, i) => values.set(list, offsets[i]));
  return { offsets, values };
}

export function betweennessCentrality(graph: UndirectedGraph): Record<string, number> {
  const nodes = graph.nodes();
  return betweennessOf(nodes, hopSearches(graph, nodes, null).centrality);
}

/** The normalised figures by node. */
export function betweennessOf(nodes: string[], centrality: Float64Array): Record<string, number> {
  const n = nodes.length;
  const scale = n <= 2 ? null : 1 / ((n - 1) * (n - 2));
  const result: Record<string, number> = {};
  for (let i = 0; i < n; i++) result[nodes[i]] = scale === null ? centrality[i] : centrality[i] * scale;
  return result;
}

/** The sources and targets of a source-target betweenness, by node position. */
export interface PairEnds {
  isSource: Uint8Array;
  isTarget: Uint8Array;
}

/**
 * Each node's neighbours (graphology's order) by position, and whether every row is ascending: then
 * the searches are those of network-bridges' sourceTargetBetweenness too (it visits neighbours in
 * position order).
 */
export function hopNeighbourhoods(graph: UndirectedGraph, nodes: string[]) {
  const id = new Map(nodes.map((node, i) => [node, i]));
  const rows = flatRows(nodes.map((node) => graph.outboundNeighbors(node).map((m) => id.get(m) as number)));
  let ascending = true;
  for (let i = 0; i < nodes.length && ascending; i++) for (let j = rows.offsets[i] + 1; j < rows.offsets[i + 1]; j++) if (rows.values[j - 1] >= rows.values[j]) ascending = false;
  return { ...rows, ascending };
}

/**
 * Brandes from every node: the betweenness sums (centrality) and, with `ends`, from the same searches
 * the source-target sums of network-bridges' sourceTargetBetweenness (score; reliable only when
 * `wrapped` is false, as it counts paths in 64-bit floats and these searches in 32 bits).
 */
export function hopSearches(graph: UndirectedGraph, nodes: string[], ends: PairEnds | null) {
  const n = nodes.length;
  const { offsets: starts, values: neighbourhood } = hopNeighbourhoods(graph, nodes);

  const sigma = new Uint32Array(n);
  const distance = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  // the BFS queue, in the order nodes are reached: read backwards it is Brandes' stack
  const queue = new Int32Array(n);
  // a node's predecessors are among its neighbours: each node's list lives in its neighbourhood range,
  // from starts[w] up to predecessorEnd[w]
  const predecessors = new Int32Array(starts[n]);
  const predecessorEnd = new Int32Array(n);
  const search: Search = { starts, neighbourhood, sigma, distance, delta, queue, predecessors, predecessorEnd, wrapped: false };
  const pass = (source: number) => brandesPass(search, source);
  // the source-target dependencies of the last search, and their sums
  const isSource = ends?.isSource ?? new Uint8Array(n);
  const isTarget = ends?.isTarget ?? new Uint8Array(n);
  const pairDelta = new Float64Array(n);
  const score = new Float64Array(n);
  const pairPass = (tail: number) => pairBackward(search, tail, isTarget, pairDelta);

  // A leaf (one neighbour u, itself with more) needs no search of its own: its shortest paths are
  // the edge to u and then u's, reached in the same order, so every node but u gets from it the very
  // dependency it gets from u (same operations, same bits). u's is the sum over u's other neighbours,
  // last reached first, of 1 + theirs: what the leaf's own backward pass adds, in its order.
  const degree = (i: number) => starts[i + 1] - starts[i];
  const hub = new Int32Array(n).fill(-1);
  const uses = new Int32Array(n);
  const pairNeeded = Uint8Array.from(isSource);
  for (let i = 0; i < n; i++) {
    if (degree(i) !== 1) continue;
    const u = neighbourhood[starts[i]];
    if (degree(u) < 2) continue;
    hub[i] = u;
    uses[u] += uses[u] === 0 ? 2 : 1;
    if (isSource[i]) pairNeeded[u] = 1;
  }
  // a hub's reached nodes (its queue) and their dependencies, kept from its pass until its last use
  const kept = new Map<number, { reached: Int32Array; dependency: Float64Array; pairDependency: Float64Array }>();
  const keptPass = (u: number) => {
    let entry = kept.get(u);
    if (!entry) {
      const tail = pass(u);
      const reached = queue.slice(0, tail);
      const dependency = new Float64Array(tail);
      for (let k = 0; k < tail; k++) dependency[k] = delta[reached[k]];
      const pairDependency = new Float64Array(pairNeeded[u] ? tail : 0);
      if (pairNeeded[u]) {
        pairPass(tail);
        for (let k = 0; k < tail; k++) pairDependency[k] = pairDelta[reached[k]];
      }
      kept.set(u, (entry = { reached, dependency, pairDependency }));
    }
    if (--uses[u] === 0) kept.delete(u);
    return entry;
  };
  for (let source = 0; source < n; source++) {
    const u = hub[source];
    if (u >= 0) {
      const { reached, dependency, pairDependency } = keptPass(u);
      // u's neighbours are reached right after u, in neighbourhood order (each with one shortest path,
      // so the leaf's pass adds sigma 1 x (1 + theirs) / sigma 1 to u, and 1 / 1 x (target + theirs))
      let hubDependency = 0;
      for (let k = degree(u); k >= 1; k--) if (reached[k] !== source) hubDependency += 1 + dependency[k];
      for (let k = 0; k < reached.length; k++) {
        const w = reached[k];
        if (w !== source) centrality[w] += w === u ? hubDependency : dependency[k];
      }
      if (isSource[source]) {
        let hubPair = 0;
        for (let k = degree(u); k >= 1; k--) if (reached[k] !== source) hubPair += isTarget[reached[k]] + pairDependency[k];
        for (let k = 0; k < reached.length; k++) {
          const w = reached[k];
          if (w !== source) score[w] += w === u ? hubPair : pairDependency[k];
        }
      }
    } else if (uses[source] > 0) {
      const { reached, dependency, pairDependency } = keptPass(source);
      for (let k = 0; k < reached.length; k++) if (reached[k] !== source) centrality[reached[k]] += dependency[k];
      if (isSource[source]) for (let k = 0; k < reached.length; k++) if (reached[k] !== source) score[reached[k]] += pairDependency[k];
    } else {
      const tail = pass(source);
      for (let k = 0; k < tail; k++) if (queue[k] !== source) centrality[queue[k]] += delta[queue[k]];
      if (isSource[source]) {
        pairPass(tail);
        for (let k = 0; k < tail; k++) if (queue[k] !== source) score[queue[k]] += pairDelta[queue[k]];
      }
    }
  }
  return { centrality, score, wrapped: search.wrapped };
}

/** The arrays of one Brandes search, reused from source to source. */
interface Search {
  starts: Int32Array;
  neighbourhood: Int32Array;
  sigma: Uint32Array;
  distance: Int32Array;
  delta: Float64Array;
  queue: Int32Array;
  predecessors: Int32Array;
  predecessorEnd: Int32Array;
  /** Whether a path count passed 2^32 (kept modulo 2^32, as graphology-metrics does). */
  wrapped: boolean;
}

/** Brandes from one source: leaves the reached nodes in queue[0..returned) and their dependencies in delta. */
function brandesPass(search: Search, source: number): number {
  const { starts, neighbourhood, sigma, distance, delta, queue, predecessors, predecessorEnd } = search;
  // only the nodes reached from the last source were touched: distance is reset on them below,
  // and sigma, delta and predecessorEnd are set when a node is reached
  sigma[source] = 1;
  distance[source] = 0;
  predecessorEnd[source] = starts[source];
  let head = 0;
  let tail = 0;
  queue[tail++] = source;
  while (head < tail) {
    const v = queue[head++];
    const next = distance[v] + 1;
    const paths = sigma[v];
    for (let j = starts[v], end = starts[v + 1]; j < end; j++) {
      const w = neighbourhood[j];
      const d = distance[w];
      if (d === -1) {
        queue[tail++] = w;
        distance[w] = next;
        sigma[w] = paths;
        const first = starts[w];
        predecessors[first] = v;
        predecessorEnd[w] = first + 1;
      } else if (d === next) {
        const total = sigma[w] + paths;
        if (total > 0xffffffff) search.wrapped = true;
        sigma[w] = total;
        predecessors[predecessorEnd[w]++] = v;
      }
    }
  }
  for (let k = 0; k < tail; k++) delta[queue[k]] = 0;
  for (let k = tail - 1; k >= 0; k--) {
    const w = queue[k];
    const coefficient = (1 + delta[w]) / sigma[w];
    for (let j = starts[w], end = predecessorEnd[w]; j < end; j++) {
      const v = predecessors[j];
      delta[v] += sigma[v] * coefficient;
    }
  }
  for (let k = 0; k < tail; k++) distance[queue[k]] = -1;
  return tail;
}

/**
 * The source-target backward pass of network-bridges' sourceTargetBetweenness over the last search
 * (same operations in the same order): each reached node's dependency in pairDelta.
 */
function pairBackward(search: Search, tail: number, isTarget: Uint8Array, pairDelta: Float64Array): void {
  const { starts, sigma, queue, predecessors, predecessorEnd } = search;
  for (let k = 0; k < tail; k++) pairDelta[queue[k]] = 0;
  for (let k = tail - 1; k >= 0; k--) {
    const w = queue[k];
    const carried = isTarget[w] + pairDelta[w];
    for (let e = starts[w], end = predecessorEnd[w]; e < end; e++) {
      const v = predecessors[e];
      pairDelta[v] += (sigma[v] / sigma[w]) * carried;
    }
  }
}
