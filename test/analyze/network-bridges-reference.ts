// The source-target betweenness of network-bridges.ts as it was first written (Brandes 2008 with a
// fill of every array per source, the hop version scanning all neighbours for predecessors, the weighted
// one with a heap of every (distance, node) pushed): the reference the faster versions must match to
// the bit (network-bridges.test.ts).
import type { UndirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { flatRows } from '../../src/analyze/betweenness.js';

const EPSILON = 1e-9;

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

export function referenceHops(
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

export function referenceWeighted(
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

function perPair(nodes: string[], score: Float64Array, pairs: number): Map<string, number> {
  const result = new Map<string, number>();
  nodes.forEach((node, i) => result.set(node, pairs ? score[i] / pairs : 0));
  return result;
}

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
