// network-bridges.ts's source-target betweenness is a speed change of the first version (kept in
// network-bridges-reference.ts): on any graph, with any countries and weights, it must give the
// same figures to the last bit, node for node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { hopBridges, sourceTargetBetweenness, weightedSourceTargetBetweenness } from '../../src/analyze/network-bridges.js';
import { betweennessCentrality, hopNeighbourhoods } from '../../src/analyze/betweenness.js';
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

/** The graph of graphOf with its edges added in (smaller, larger) position order: every node's neighbours come in position order. */
function orderedGraphOf(order: number, countries: number[], edges: Array<[number, number, number]>) {
  const unordered = graphOf(order, countries, edges);
  const nodes = unordered.nodes();
  const position = new Map(nodes.map((node, i) => [node, i]));
  const graph = new UndirectedGraph<{ country: string | null }, { weight: number }>();
  unordered.forEachNode((node, attributes) => graph.addNode(node, attributes));
  const sorted = unordered.mapEdges((_edge, attributes, s, t) => {
    const [x, y] = [position.get(s) as number, position.get(t) as number].sort((p, q) => p - q);
    return { x, y, weight: attributes.weight };
  });
  sorted.sort((p, q) => p.x - q.x || p.y - q.y);
  for (const { x, y, weight } of sorted) graph.addEdge(nodes[x], nodes[y], { weight });
  return graph;
}

// sparse trees with a few more edges (leaves, several on one node, two-node components) or random graphs
const hopGraphs = fc.oneof(
  graphs,
  fc.integer({ min: 1, max: 50 }).chain((order) =>
    fc.tuple(
      fc.constant(order),
      fc.array(fc.nat(), { minLength: order, maxLength: order }),
      fc.array(fc.nat(), { minLength: order, maxLength: order }).chain((parents) =>
        fc.array(fc.tuple(fc.nat(), fc.nat(), weight), { maxLength: 6 }).map((extra) => [
          ...parents.flatMap((p, i): Array<[number, number, number]> => (i > 0 && p % 5 !== 0 ? [[i, p % i, 1]] : [])),
          ...extra,
        ]),
      ),
    ),
  ),
);

test('hopBridges gives betweennessCentrality and sourceTargetBetweenness to the bit, from shared searches', () => {
  fc.assert(
    fc.property(hopGraphs, fc.boolean(), ([order, countries, edges], ordered) => {
      const graph = ordered ? orderedGraphOf(order, countries, edges) : graphOf(order, countries, edges);
      if (ordered) assert.ok(hopNeighbourhoods(graph, graph.nodes()).ascending);
      const { betweenness, hops } = hopBridges(graph, 'US', 'CN');
      assert.deepStrictEqual(bits(hops), bits(referenceHops(graph, 'US', 'CN')));
      const expected = graph.size > 0 ? betweennessCentrality(graph) : {};
      assert.deepStrictEqual(bits(new Map(Object.entries(betweenness))), bits(new Map(Object.entries(expected))));
    }),
    { numRuns: 400 },
  );
});

test('hopBridges: more than 2^32 shortest paths (32-bit counts wrap) still gives the 64-bit source-target figures', () => {
  // a chain of 34 diamonds: 2^34 shortest paths from one end to the other
  const graph = new UndirectedGraph<{ country: string | null }, { weight: number }>();
  const hubs = 35;
  for (let i = 0; i < hubs; i++) graph.addNode(`h${String(i).padStart(2, '0')}`, { country: i === 0 ? 'US' : i === hubs - 1 ? 'CN' : null });
  for (let i = 0; i + 1 < hubs; i++) for (const side of ['a', 'b']) graph.addNode(`h${String(i).padStart(2, '0')}${side}`, { country: null });
  const nodes = graph.nodes();
  const edges: Array<[string, string]> = [];
  for (let i = 0; i + 1 < hubs; i++) {
    const hub = `h${String(i).padStart(2, '0')}`;
    const nextHub = `h${String(i + 1).padStart(2, '0')}`;
    for (const side of ['a', 'b']) edges.push([hub, hub + side], [hub + side, nextHub]);
  }
  const at = (node: string) => nodes.indexOf(node);
  edges
    .map(([s, t]) => (at(s) < at(t) ? [s, t] : [t, s]))
    .sort(([s, t], [u, v]) => at(s) - at(u) || at(t) - at(v))
    .forEach(([s, t]) => graph.addEdge(s, t, { weight: 1 }));
  assert.ok(hopNeighbourhoods(graph, nodes).ascending);
  const { betweenness, hops } = hopBridges(graph, 'US', 'CN');
  assert.deepStrictEqual(bits(hops), bits(referenceHops(graph, 'US', 'CN')));
  assert.deepStrictEqual(betweenness, betweennessCentrality(graph));
  assert.ok((hops.get('h17') as number) > 0.99);
});
