import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allCombinations, computeGrid } from '../../src/analyze/grid.js';
import { gridCsv, renderGridText } from '../../src/analyze/grid-render.js';
import { paperHasPair, paperInScope } from '../../src/definitions.js';
import { DEFAULT_DEFINITIONS, type Affiliation, type Definitions } from '../../src/types.js';
import { aff, author, hkust, mit, msra, paper, PAIR, smallCorpus, tsinghua, unresolved } from './fixtures.js';

const unlocatedCompany = (inferred?: string): Affiliation => ({
  ...aff('Acme', 'US', 'company', 'US'),
  method: 'hq-default',
  ...(inferred ? { inferred: { country: inferred, rule: 'co-author' as const, paper: 'x', author: 'y', raw: 'Acme, somewhere', support: 1, agreeing: 1 } } : {}),
});

function corpus() {
  return [
    ...smallCorpus(),
    paper({ year: 2018, id: 'G1' }, [author('solo', mit(), tsinghua())]), // single author in both countries
    paper({ year: 2018, id: 'G2' }, [author('p', unlocatedCompany('CN')), author('q', tsinghua())]), // pair only under --unlocated hq
    paper({ year: 2018, id: 'G3' }, [author('r', unresolved())]), // no located author
    paper({ year: 2018, id: 'G4' }, []), // no authors at all
    paper({ year: 2018, id: 'G5', track: 'Workshop' }, [author('s', hkust()), author('t', msra()), author('u', mit())]),
  ];
}

/** Papers with slots past the last author: they count only when every author and affiliation does, and make nobody dual. */
function loose() {
  return [
    paper({ year: 2018, id: 'U1', unattributed: [tsinghua()] }, [author('v', mit())]),
    paper({ year: 2018, id: 'U2', unattributed: [mit(), tsinghua()] }, [author('w', unresolved())]),
    paper({ year: 2018, id: 'U3', unattributed: [unlocatedCompany('CN')] }, [author('x', mit(), hkust())]),
  ];
}

const key = (d: Definitions) => JSON.stringify(Object.keys(DEFAULT_DEFINITIONS).map((k) => d[k as keyof Definitions]));

test('the grid has every combination once: 2*2*2*2*2*4*3*2 = 768', () => {
  const combos = allCombinations();
  assert.equal(combos.length, 768);
  assert.equal(new Set(combos.map(key)).size, 768);
});

test('every grid row equals the headline counted paper by paper under its definitions', () => {
  const papers = [...corpus(), ...loose()];
  const rows = computeGrid(papers, PAIR);
  assert.equal(rows.length, 768);
  for (const row of rows) {
    const inScope = papers.filter((p) => paperInScope(p, row.definitions));
    const pairs = inScope.filter((p) => paperHasPair(p, PAIR, row.definitions)).length;
    assert.deepEqual([row.papers, row.pairPapers], [inScope.length, pairs], key(row.definitions));
  }
});

test('hand-computed rows', () => {
  const rows = computeGrid(corpus(), PAIR);
  const find = (d: Partial<Definitions>) => rows.find((r) => key(r.definitions) === key({ ...DEFAULT_DEFINITIONS, ...d }))!;
  // default: P1 P2 P5 G1 G5 pair (G2's Acme is inferred CN); denominator 9 of 11 papers (G3, G4 have no located author)
  assert.deepEqual([find({}).pairPapers, find({}).papers], [5, 9]);
  assert.deepEqual([find({ denominator: 'all' }).pairPapers, find({ denominator: 'all' }).papers], [5, 11]);
  // --tracks main drops the workshop papers P4 and G5
  assert.deepEqual([find({ tracks: 'main' }).pairPapers, find({ tracks: 'main' }).papers], [4, 7]);
  // --unlocated hq: G2 becomes US-CN; exclude: G2 keeps only Tsinghua
  assert.equal(find({ unlocated: 'hq' }).pairPapers, 6);
  assert.equal(find({ unlocated: 'exclude' }).pairPapers, 5);
  // --authors first-last: P1 (Google ... Tsinghua) and G1 (the single author is both); G5 is HK + US
  assert.deepEqual([find({ authors: 'first-last' }).pairPapers, find({ authors: 'first-last' }).papers], [2, 9]);
  // --authors first: only G1; every first author is located except in G3 and G4
  assert.deepEqual([find({ authors: 'first' }).pairPapers, find({ authors: 'first' }).papers], [1, 9]);
  // and ignoring dual affiliations removes G1
  assert.equal(find({ authors: 'first', dualAffiliation: 'ignore' }).pairPapers, 0);
});

test('hand-computed rows with slots past the last author', () => {
  const rows = computeGrid(loose(), PAIR);
  const find = (d: Partial<Definitions>) => rows.find((r) => key(r.definitions) === key({ ...DEFAULT_DEFINITIONS, ...d }))!;
  // every author and affiliation counts: all three pair (U3 through the company inferred CN)
  assert.deepEqual([find({}).pairPapers, find({}).papers], [3, 3]);
  // U2's two loose affiliations are no dual-affiliated author
  assert.equal(find({ dualAffiliation: 'ignore' }).pairPapers, 3);
  assert.equal(find({ unlocated: 'exclude' }).pairPapers, 2);
  // a selection of authors or of first affiliations leaves them out: no pair, and U2 has no located author
  for (const d of [{ authors: 'first' as const }, { authors: 'last' as const }, { authors: 'first-last' as const }, { affiliations: 'first' as const }]) {
    assert.deepEqual([find(d).pairPapers, find(d).papers], [0, 2], JSON.stringify(d));
  }
  // greater China: U3's author is in the US and Hong Kong, a pair whatever the company (ignored as dual: only through it)
  assert.equal(find({ chinaScope: 'greater', unlocated: 'exclude' }).pairPapers, 3);
  assert.equal(find({ chinaScope: 'greater', unlocated: 'exclude', dualAffiliation: 'ignore' }).pairPapers, 2);
});

test('--target ranks by distance and marks shares inside its 95% interval', () => {
  const rows = computeGrid(corpus(), PAIR, { count: 1, total: 9 });
  for (let i = 1; i < rows.length; i++) assert.ok((rows[i - 1].distance ?? 0) <= (rows[i].distance ?? 0));
  assert.equal(rows[0].distance, 0);
  assert.equal(rows[0].pairPapers, 1);
  assert.ok(rows.some((r) => r.withinTarget) && rows.some((r) => !r.withinTarget));
  const csv = gridCsv(rows, { count: 1, total: 9 }).trim().split('\n');
  assert.equal(csv.length, 769);
  assert.equal(csv[0], 'chinaScope,multinational,dualAffiliation,affiliations,tracks,authors,unlocated,denominator,pair_papers,papers,share,ci95_low,ci95_high,distance,within_target_ci95');
  const text = renderGridText(rows, { pair: PAIR, baseline: DEFAULT_DEFINITIONS, target: { count: 1, total: 9 }, limit: 5 });
  assert.match(text, /763 more rows in grid.csv/);
  assert.ok(text.split('\n').every((l) => l.length <= 120));
});
