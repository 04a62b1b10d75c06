// The report's institution network: which ties are drawn (each institution's strongest), which
// institutions are labelled (bridges first, then by papers; never overlapping), their label texts
// (name, acronym, shortened; the country when a name is drawn twice) and the country colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DEFINITIONS, type Affiliation, type Paper } from '../../src/types.js';
import { aff as fixtureAff, author, paper as fixturePaper } from '../analyze/fixtures.js';
import { OrganisationGraph } from '../../src/kb/organisations.js';
import { layoutNetwork, strongestTies, type NetworkLayout } from '../../src/report/charts/network-layout.js';
import { LABEL_FONT, shortLabel } from '../../src/report/charts/network-labels.js';
import { countryGroups, networkChart } from '../../src/report/charts/network.js';
import { textWidth } from '../../src/report/charts/metrics.js';
import { summarize } from '../../src/run.js';

const LONG_NAME = 'Northfield Institute of Applied Computational and Statistical Sciences';
const graph = new OrganisationGraph([
  { id: 'us-nf', name: LONG_NAME, country: 'US', sector: 'education', acronyms: ['NIACSS'] },
  { id: 'cn-lake', name: 'Lakeside University', country: 'CN', sector: 'education' },
]);

/** An education affiliation with the id the organisation graph above knows it by (country-slug by default). */
function aff(name: string, country: string, id: string | null = `${country.toLowerCase()}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`): Affiliation {
  return { ...fixtureAff(name, country), institutionId: id };
}

let n = 0;
const paper = (...affiliations: Affiliation[]): Paper =>
  fixturePaper({ year: 2020, venue: 'Conf', track: 'main', id: `p${n++}` }, affiliations.map((a, i) => author(`Author ${i}`, a)));

test('strongestTies keeps each institution its k strongest ties', () => {
  const ties = [
    { source: 'a', target: 'b', papers: 5 },
    { source: 'a', target: 'c', papers: 3 },
    { source: 'a', target: 'd', papers: 1 },
    { source: 'c', target: 'd', papers: 1 },
    { source: 'b', target: 'c', papers: 2 },
  ];
  // k = 2: a keeps a-b, a-c; c keeps a-c, b-c; but d has only a-d and c-d, so every tie stays
  assert.equal(strongestTies(ties, 2).length, 5);
  // k = 1: a-b (a and b), a-c (c), and for d a-d before c-d (1 paper each, by key)
  assert.deepEqual(
    strongestTies(ties, 1).map((t) => `${t.source}-${t.target}`),
    ['a-b', 'a-c', 'a-d'],
  );
});

test('labels: the name when it fits, else the acronym, else the name cut to fit', () => {
  assert.equal(shortLabel('Lakeside University', null), 'Lakeside University');
  assert.equal(shortLabel(LONG_NAME, 'NIACSS'), 'NIACSS');
  const cut = shortLabel(LONG_NAME, null);
  assert.ok(cut.endsWith('…') && LONG_NAME.startsWith(cut.slice(0, -1)), cut);
  assert.ok(textWidth(cut, LABEL_FONT) <= 170);
});

/** A star: one CN hub with US spokes, plus a chain of small institutions (invented names). */
function starPapers(): Paper[] {
  n = 0;
  const hub = aff('Lakeside University', 'CN', 'cn-lake');
  const papers: Paper[] = [];
  for (let i = 0; i < 30; i++) {
    const spoke = i === 0 ? aff(LONG_NAME, 'US', 'us-nf') : aff(`Spoke College ${String.fromCharCode(65 + (i % 26))}${i}`, 'US');
    for (let k = 0; k <= (i % 4); k++) papers.push(paper(hub, spoke));
  }
  // a company with a lab in both countries, on a paper with each side
  papers.push(paper(aff('Orbit Labs', 'US', 'us-orbit'), aff('Lakeside University', 'CN', 'cn-lake')));
  papers.push(paper(aff('Orbit Labs', 'CN', 'us-orbit'), aff('Spoke College B1', 'US')));
  // a paper without the pair is not drawn
  papers.push(paper(aff('Inland Academy', 'DE'), aff('Spoke College B1', 'US')));
  return papers;
}

function labelBoxes(layout: NetworkLayout) {
  return layout.nodes
    .filter((node) => node.label)
    .map((node) => {
      const l = node.label!;
      const w = textWidth(l.text, LABEL_FONT, node.bridge !== null);
      const x0 = l.align === 'left' ? l.x : l.align === 'right' ? l.x - w : l.x - w / 2;
      return { key: node.key, x0, x1: x0 + w, y0: l.y - (LABEL_FONT + 2) / 2, y1: l.y + (LABEL_FONT + 2) / 2 };
    });
}

test('the network draws each institution strongest ties, labels bridges first and never overlaps labels', () => {
  const papers = starPapers();
  const bridgeList = [
    { institution: 'Spoke College C2', institutionId: 'us-spoke-college-c2', country: 'US' },
    { institution: 'Not Drawn', institutionId: 'xx-none', country: 'US' },
    { institution: 'Lakeside University', institutionId: 'cn-lake', country: 'CN' },
  ];
  const layout = layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS, { organisations: graph, labels: 6, tiesPerNode: 1, bridgeList, bridges: 2 });
  assert.deepEqual(layout, layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS, { organisations: graph, labels: 6, tiesPerNode: 1, bridgeList, bridges: 2 }));
  // 30 spokes + hub + Orbit Labs at US and at CN; Inland Academy's paper is not a pair paper
  assert.equal(layout.institutions, 33);
  assert.equal(layout.pairPapers, [...Array(30).keys()].reduce((s, i) => s + (i % 4) + 1, 0) + 2);
  const hub = layout.nodes.find((node) => node.institution === 'Lakeside University')!;
  assert.equal(hub.bridge, 2);
  assert.equal(hub.papers, 73 + 1); // the spokes (7 x (1+2+3+4) + 1 + 2) and Orbit Labs US
  assert.equal(layout.nodes.find((node) => node.institution === 'Spoke College C2')!.bridge, 1);
  assert.equal(layout.nodes.filter((node) => node.bridge !== null).length, 2);
  // one strongest tie each: every spoke's only tie is to the hub; Orbit Labs CN's only one is to Spoke College B1
  for (const link of layout.links) assert.ok(link.papers >= 1);
  assert.ok(layout.links.every((l) => l.source === hub.key || l.target === hub.key || l.sourceName === 'Orbit Labs' || l.targetName === 'Orbit Labs'));
  assert.ok(layout.links.length < layout.keptEdges || layout.keptEdges === layout.links.length);
  // labels: at most 6, bridges among them, in bold, inside the frame and not overlapping each other or circles
  const labelled = layout.nodes.filter((node) => node.label);
  assert.ok(labelled.length <= 6 && labelled.length >= 3, String(labelled.length));
  assert.ok(hub.label, 'the hub is labelled');
  const boxes = labelBoxes(layout);
  for (const box of boxes) assert.ok(box.x0 >= 0 && box.x1 <= layout.width && box.y0 >= 0 && box.y1 <= layout.height, `${box.key} outside`);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [p, q] = [boxes[i], boxes[j]];
      assert.ok(!(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1), `${p.key} overlaps ${q.key}`);
    }
  }
  // the long name is labelled by its acronym when it is labelled at all
  const long = layout.nodes.find((node) => node.institution === LONG_NAME)!;
  if (long.label) assert.equal(long.label.text, 'NIACSS');
});

test('an institution drawn at two countries carries the country in its label; colours by country', () => {
  const papers = starPapers();
  const layout = layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS, { organisations: graph, labels: 40 });
  const orbit = layout.nodes.filter((node) => node.institution === 'Orbit Labs' && node.label);
  assert.ok(orbit.length >= 1);
  for (const node of orbit) assert.equal(node.label!.text, `Orbit Labs (${node.country})`);
  const groups = countryGroups(layout);
  assert.deepEqual(groups.domain, ['US', 'CN']);
  // two HK institutions and one SG get a colour of their own for HK only (at least two institutions), SG is "other"
  const mixed = countryGroups({
    pair: ['US', 'CN'],
    nodes: [...layout.nodes, { ...layout.nodes[0], key: 'h1', country: 'HK' }, { ...layout.nodes[0], key: 'h2', country: 'HK' }, { ...layout.nodes[0], key: 's', country: 'SG' }],
  });
  assert.deepEqual(mixed.domain, ['US', 'CN', 'HK', 'other or unknown']);
  assert.equal(mixed.of('SG'), 'other or unknown');
  assert.equal(mixed.of('HK'), 'HK');
});

test('the network chart has a legend for colour, lines, size and rings, and names the bridges in its caption', () => {
  const papers = starPapers();
  const summary = summarize({ papers, warnings: [], skipped: [] }, ['US', 'CN'], DEFAULT_DEFINITIONS);
  const bridgeList = [{ institution: 'Lakeside University', institutionId: 'cn-lake', country: 'CN' }];
  const chart = networkChart({ summary, network: layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS, { organisations: graph, bridgeList }) });
  const spec = JSON.stringify(chart.spec);
  for (const title of ['"country"', '"lines (thicker: more papers)"', '"US-CN papers"', 'ring: one of the US-CN bridges']) assert.ok(spec.includes(title), title);
  assert.match(chart.caption, /Ringed and in bold: the leading bridge between US and CN among them .*: Lakeside University\./);
  assert.match(chart.caption, /Lines: each institution's 2 strongest ties/);
  const hubRow = chart.table.rows.find((row) => row[0].text === 'Lakeside University')!;
  assert.equal(hubRow[4].text, '1');
});
