// betweenness.ts is a speed change only: it must give graphology-metrics' normalised hop
// betweenness to the last bit, on any graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import betweennessImport from 'graphology-metrics/centrality/betweenness.js';
import { betweennessCentrality } from '../../src/analyze/betweenness.js';

const reference = ((betweennessImport as { default?: unknown }).default ?? betweennessImport) as (
  graph: UndirectedGraph,
  options: { getEdgeWeight: null; normalized: boolean },
) => Record<string, number>;

function graphOf(order: number, edges: Array<[number, number]>): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let i = 0; i < order; i++) graph.addNode(`n${(i * 7) % order}-${i}`);
  const nodes = graph.nodes();
  for (const [x, y] of edges) {
    const [a, b] = [nodes[x % order], nodes[y % order]];
    if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b);
  }
  return graph;
}

test('betweennessCentrality equals graphology-metrics to the bit on random graphs', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 200 }), (order, edges) => {
      const graph = graphOf(order, edges);
      assert.deepStrictEqual(betweennessCentrality(graph), reference(graph, { getEdgeWeight: null, normalized: true }));
    }),
    { numRuns: 300 },
  );
});

// sparse graphs: trees (each node hung on an earlier one, or left alone) and a few extra edges, so most
// have leaves, several on one node, and two-node components (the leaf shortcut and where it must not apply)
test('betweennessCentrality equals graphology-metrics to the bit on leafy graphs', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }).chain((order) =>
        fc.tuple(fc.constant(order), fc.array(fc.nat(), { minLength: order, maxLength: order }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 })),
      ),
      ([order, parents, extra]) => {
        const tree: Array<[number, number]> = [];
        for (let i = 1; i < order; i++) if (parents[i] % 5 !== 0) tree.push([i, parents[i] % i]);
        const graph = graphOf(order, [...tree, ...extra]);
        assert.deepStrictEqual(betweennessCentrality(graph), reference(graph, { getEdgeWeight: null, normalized: true }));
      },
    ),
    { numRuns: 400 },
  );
});

test('betweennessCentrality: a path a-b-c puts every a-c path through b', () => {
  const graph = new UndirectedGraph();
  ['a', 'b', 'c'].forEach((node) => graph.addNode(node));
  graph.addEdge('a', 'b');
  graph.addEdge('b', 'c');
  // b lies on the a-c path, counted from a and from c: 2, scaled by 1 / ((3-1)(3-2))
  assert.deepStrictEqual(betweennessCentrality(graph), { a: 0, b: 1, c: 0 });
});
