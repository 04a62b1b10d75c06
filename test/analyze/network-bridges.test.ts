// network-bridges.ts's source-target betweenness is a speed change of the first version (kept in
// network-bridges-reference.ts): on any graph, with any countries and weights, it must give the
// same figures to the last bit, node for node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { sourceTargetBetweenness, weightedSourceTargetBetweenness } from '../../src/analyze/network-bridges.js';
import { referenceHops, referenceWeighted } from './network-bridges-reference.js';

const COUNTRIES = ['US', 'CN', 'DE', null] as const;

function graphOf(order: number, countries: number[], edges: Array<[number, number, number]>) {
  const graph = new UndirectedGraph<{ country: string | null }, { weight: number }>();
  for (let i = 0; i < order; i++) graph.addNode(`n${(i * 7) % order}-${i}`, { country: COUNTRIES[(countries[i] ?? i) % COUNTRIES.length] });
  const nodes = graph.nodes();
  for (const [x, y, weight] of edges) {
    const [a, b] = [nodes[x % order], nodes[y % order]];
    if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b, { weight });
  }
  return graph;
}

/** Each figure as its 64 bits, so that -0, 0 and values one ulp apart differ. */
const bits = (scores: Map<string, number>) => [...scores].map(([node, value]) => [node, Buffer.from(new Float64Array([value]).buffer).toString('hex')]);

// weights: a few papers (ties of equal length are common, as in the data) or any positive number
const weight = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.05, max: 50, noNaN: true }));
const graphs = fc
  .integer({ min: 1, max: 60 })
  .chain((order) =>
    fc.tuple(
      fc.constant(order),
      fc.array(fc.nat(), { minLength: order, maxLength: order }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), weight), { maxLength: 400 }),
    ),
  );

test('sourceTargetBetweenness equals the first version to the bit on random graphs', () => {
  fc.assert(
    fc.property(graphs, ([order, countries, edges]) => {
      const graph = graphOf(order, countries, edges);
      assert.deepStrictEqual(bits(sourceTargetBetweenness(graph, 'US', 'CN')), bits(referenceHops(graph, 'US', 'CN')));
    }),
    { numRuns: 300 },
  );
});

test('weightedSourceTargetBetweenness equals the first version to the bit on random graphs', () => {
  fc.assert(
    fc.property(graphs, ([order, countries, edges]) => {
      const graph = graphOf(order, countries, edges);
      assert.deepStrictEqual(bits(weightedSourceTargetBetweenness(graph, 'US', 'CN')), bits(referenceWeighted(graph, 'US', 'CN')));
    }),
    { numRuns: 300 },
  );
});
