// `export --network`: the co-authorship network under full and fractional counting, as VOSviewer JSON
// and GraphML (read back with graphology-graphml), without generic words as institution nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { UndirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { coauthorshipNetwork } from '../../src/analyze/coauthorship.js';
import { toGraphml, toVosviewerJson } from '../../src/report/network-files.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { aff, author, paper } from '../analyze/fixtures.js';
import { cli } from '../cli-helper.js';

const westU = () => aff('West Plains University', 'US');
const eastU = () => aff('East River University', 'CN');
const southU = () => aff('South Lake College', 'CN');
const moe = () => ({ ...aff('MOE', 'CN'), institutionId: null });
const papers = () => [
  paper({ year: 2020 }, [author('Ann', westU()), author('Bo', eastU()), author('Cy', southU())]),
  paper({ year: 2021 }, [author('Ann', westU()), author('Bo', eastU(), moe())]),
];
const pair: [string, string] = ['US', 'CN'];
const close = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-9, `${x} != ${y}`);

test('institution network: full counts papers, fractional gives each paper 1/(n-1) per link', async () => {
  const net = coauthorshipNetwork(papers(), { level: 'institution', pair, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(net.nodes.map((n) => [n.label, n.papers]), [['East River University', 2], ['West Plains University', 2], ['South Lake College', 1]]);
  // "MOE" is a generic word, never an institution node.
  assert.ok(!net.nodes.some((n) => n.label === 'MOE'));
  const link = (x: string, y: string) => net.links.find((l) => [l.source, l.target].sort().join() === [x, y].sort().join());
  const west = 'west-plains-university@US';
  const east = 'east-river-university@CN';
  const south = 'south-lake-college@CN';
  assert.equal(link(west, east)?.papers, 2);
  close(link(west, east)?.fractional ?? 0, 0.5 + 1); // three institutions on paper 1, two on paper 2
  close(link(east, south)?.fractional ?? 0, 0.5);
  // Fractional node weight: the author shares (paper 2: Bo's half split over two affiliations, one of them MOE).
  close(net.nodes.find((n) => n.key === east)?.fractionalPapers ?? 0, 1 / 3 + 1 / 4);
});

test('a slot past the last author is one of the paper\'s nodes and links (no fractional weight): the country link equals the pair count', () => {
  const loose = [paper({ year: 2022, unattributed: [eastU()] }, [author('Ann', westU())]), ...papers()];
  const net = coauthorshipNetwork(loose, { level: 'country', pair, definitions: DEFAULT_DEFINITIONS, pairOnly: true });
  assert.deepEqual(net.links.map((l) => [l.source, l.target, l.papers]), [['CN', 'US', 3]]);
  close(net.nodes.find((n) => n.key === 'CN')?.fractionalPapers ?? 0, 2 / 3 + 1 / 2);
  const inst = coauthorshipNetwork(loose, { level: 'institution', pair, definitions: DEFAULT_DEFINITIONS });
  assert.equal(inst.nodes.find((n) => n.key === 'east-river-university@CN')?.papers, 3);
  // when a selection of authors counts, the slot does not
  const first = coauthorshipNetwork(loose, { level: 'country', pair, definitions: { ...DEFAULT_DEFINITIONS, authors: 'first' }, pairOnly: true });
  assert.deepEqual(first.links, []);
});

test('country network and the two file formats', async () => {
  const net = coauthorshipNetwork(papers(), { level: 'country', pair, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(net.links, [{ source: 'CN', target: 'US', papers: 2, fractional: 2 }]);
  const vos = JSON.parse(toVosviewerJson(net, 'full'));
  assert.deepEqual(vos.network.items.map((i: { id: number; label: string; cluster: number; weights: Record<string, number> }) => [i.id, i.label, i.cluster, i.weights.Papers]), [[1, 'CN', 1, 2], [2, 'US', 2, 2]]);
  assert.deepEqual(vos.network.links, [{ source_id: 1, target_id: 2, strength: 2 }]);
  assert.equal(vos.config.terminology.link_strength, 'Co-authored papers');

  const inst = coauthorshipNetwork(papers(), { level: 'institution', pair, definitions: DEFAULT_DEFINITIONS });
  const graph = parse(UndirectedGraph, toGraphml(inst, 'fractional'));
  assert.equal(graph.order, 3);
  assert.equal(graph.size, 3);
  const edge = graph.edge('west-plains-university@US', 'east-river-university@CN') ?? graph.edge('east-river-university@CN', 'west-plains-university@US');
  assert.ok(edge);
  assert.equal(graph.getEdgeAttribute(edge, 'weight'), 1.5);
  assert.equal(graph.getEdgeAttribute(edge, 'papers_full'), 2);
  assert.equal(graph.getNodeAttribute('south-lake-college@CN', 'label'), 'South Lake College');
});

test('collabscope export --network writes the file an analyze run describes, and names the formats it takes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-net-'));
  writeFileSync(join(dir, 'papers.jsonl'), papers().map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ pair, definitions: DEFAULT_DEFINITIONS }));
  const out = join(dir, 'net.json');
  const run = (await cli(['export', '--network', out, '--from', dir, '--counting', 'fractional']));
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `wrote ${out} (vosviewer: 3 institutions, 3 links, from 2 papers; fractional counting)\n`);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).network.links.length, 3);
  // Exporting again replaces our own file; a file of the user's is never replaced.
  assert.equal((await cli(['export', '--network', out, '--from', dir])).code, 0);
  writeFileSync(join(dir, 'mine.json'), '{"my": "notes"}');
  const refused = (await cli(['export', '--network', join(dir, 'mine.json'), '--from', dir]));
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /mine\.json: exists and is not a network collabscope wrote/);
  assert.equal(readFileSync(join(dir, 'mine.json'), 'utf8'), '{"my": "notes"}');
  const bad = (await cli(['export', '--network', join(dir, 'net.txt'), '--from', dir]));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /name a \.json file \(VOSviewer\) or a \.graphml file \(Gephi\)/);
  assert.match((await cli(['export'])).stderr, /export needs --parquet DIR or --network FILE/);
});
