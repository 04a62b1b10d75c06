// Each statistic on the six-paper corpus of fixtures.ts, against values worked out by hand there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCorpus } from '../../src/analyze/index.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { PAIR, smallCorpus, paper, author, google, tsinghua, mit, peking, aff } from './fixtures.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} != ${expected}`);

const analytics = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });

test('full counting: a paper counts once per country present', () => {
  const { full } = analytics.counting;
  assert.equal(full.papers, 6);
  assert.deepEqual(
    full.countries.map((c) => [c.country, c.papers]),
    [['US', 5], ['CN', 4], ['HK', 2], ['CA', 1]],
  );
  assert.equal(full.pair.count, 3);
  close(full.pair.share, 0.5);
  // Wilson 3/6: center .5, half = (1.96/1.640267) * sqrt(.0416667 + .0266778) = .312388
  close(full.pair.ci95[0], 0.187612, 1e-6);
  close(full.pair.ci95[1], 0.812388, 1e-6);
  assert.deepEqual(full.sides.map((s) => s.papers), [5, 4]);
  assert.equal(full.international.count, 5); // all but P4
});

test('fractional counting: author shares split over affiliations, unknown kept, sums to papers', () => {
  const { fractional } = analytics.counting;
  const weight = Object.fromEntries(fractional.countries.map((c) => [c.country, c.papers]));
  // US: P1 1/2 + P2 (1/3 + 1/6) + P3 1/2 + P5 1/3 + P6 1/2; CN: P1 1/2 + P2 1/6 + P4 1 + P5 1/3
  close(weight.US, 0.5 + 0.5 + 0.5 + 1 / 3 + 0.5);
  close(weight.CN, 0.5 + 1 / 6 + 1 + 1 / 3);
  close(weight.HK, 1 / 3 + 0.5);
  close(weight.CA, 0.5);
  close(fractional.unknown, 1 / 3); // P2's unresolved author
  close(fractional.sum, 6);
  const parts = Object.fromEntries(fractional.pair.contributions.map((c) => [c.part, c.papers]));
  close(parts.US, 0.5 + 0.5 + 1 / 3);
  close(parts.CN, 0.5 + 1 / 6 + 1 / 3);
  close(parts['third countries'], 1 / 3);
  close(parts.unknown, 1 / 3);
  close(Object.values(parts).reduce((s, x) => s + x, 0), fractional.pair.papers);
});

test('trend per venue and year, with growth', () => {
  const series = analytics.trend.byVenue;
  assert.equal(series.length, 1);
  assert.deepEqual(
    series[0].rows.map((r) => [r.year, r.papers, r.pairPapers]),
    [[2016, 2, 2], [2017, 3, 1], [2018, 1, 0]],
  );
  close(series[0].rows[1].growth, -0.5);
  // 2018 has no pair paper: the log growth rate, and so the change of growth, is undefined.
  assert.equal(series[0].rows[2].growthChange, null);
  assert.equal(series[0].slowing.papers.verdict, 'insufficient-data');
  // One venue: the balanced panel is that venue.
  assert.deepEqual(analytics.trend.panel.venues, ['NeurIPS']);
  assert.deepEqual(analytics.trend.overall?.rows.map((r) => r.pairPapers), [2, 1, 0]);
});

test('fields: primary shares add up, lift, and the CMH test over the three venue-years', () => {
  const { primary, any } = analytics.fields;
  assert.equal(primary.test, 'cmh');
  assert.equal(primary.strata, 3);
  const row = (t: typeof primary, f: string) => t.rows.find((r) => r.field === f)!;
  assert.deepEqual([primary.allPapers, primary.pairPapers], [6, 3]);
  assert.equal(primary.rows.reduce((s, r) => s + r.allPapers, 0), 6);
  assert.equal(primary.rows.reduce((s, r) => s + r.pairPapers, 0), 3);
  assert.deepEqual([row(primary, 'llm-nlp').allPapers, row(primary, 'llm-nlp').pairPapers], [3, 1]);
  close(row(primary, 'llm-nlp').lift, (1 / 3) / (3 / 6));
  close(row(primary, 'vision').lift, 1);
  // (none) pooled: pair 1 of 3, other 0 of 3: hypergeometric P(1) = P(0) = 1/2, so Fisher p = 1.
  close(row(primary, '(none)').pooledP, 1);
  // Stratified: 2016 [[0,2],[0,0]] and 2018 [[0,0],[0,1]] carry no variance; 2017 [[1,0],[0,2]]: E = 1/3,
  // Var = 1*2*1*2 / (3^2 * 2) = 2/9; CMH = (|1 - 1/3| - 1/2)^2 / (2/9) = 0.125, p = erfc(0.25) = 0.723674.
  close(row(primary, '(none)').p, 0.723674, 1e-6);
  // MH odds ratio: 2017 only has a*d/n = 2/3 and b*c/n = 0: infinite, reported as null.
  assert.equal(row(primary, '(none)').oddsRatio, null);
  assert.deepEqual([row(any, 'vision').allPapers, row(any, 'vision').pairPapers], [3, 2]);
  close(row(any, 'vision').lift, (2 / 3) / (3 / 6));
});

test('fields: significance and Holm on a lopsided corpus', () => {
  // 10 pair papers all in llm-nlp; 10 other papers all in vision: Fisher p = 2 / C(20,10) for both fields.
  const papers = [
    ...Array.from({ length: 10 }, () => paper({ year: 2020, fields: ['llm-nlp'] }, [author('a', google()), author('b', tsinghua())])),
    ...Array.from({ length: 10 }, () => paper({ year: 2020, fields: ['vision'] }, [author('a', google())])),
  ];
  const { primary, findings } = analyzeCorpus(papers, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).fields;
  const llm = primary.rows.find((r) => r.field === 'llm-nlp')!;
  const p = 2 / 184756;
  close(llm.p, p, 1e-12);
  close(llm.pHolm, 2 * p, 1e-12);
  close(llm.lift, 2);
  assert.equal(llm.direction, 'over');
  assert.equal(primary.rows.find((r) => r.field === 'vision')!.direction, 'under');
  assert.match(findings[0], /llm-nlp: 100\.0% of US-CN papers .* against 50\.0% of all papers, lift 2\.00; over-represented/);
  assert.match(findings[0], /^Is US-CN collaboration concentrated in llm-nlp\? /);
  assert.match(findings[1], /^llm-nlp: 100\.0% of US-CN papers \(any of its fields\)/);
  assert.equal(findings[2], 'Also under-represented after Holm correction: vision (lift 0.00).');
});

test('institutions: counts and fractional on each side, and institution pairs', () => {
  const { institutions } = analytics;
  assert.equal(institutions.pairPapers, 3);
  const [us, cn] = institutions.sides;
  assert.deepEqual(us.rows.map((r) => [r.institution, r.papers]), [['Google', 2], ['MIT', 1]]);
  close(us.rows[0].fractional, 0.5 + 1 / 3);
  close(us.rows[1].fractional, 1 / 3 + 1 / 6); // two MIT affiliations on P2
  assert.deepEqual(cn.rows.map((r) => [r.institution, r.papers]), [['Tsinghua University', 3]]);
  close(cn.rows[0].fractional, 0.5 + 1 / 6 + 1 / 3);
  assert.deepEqual(
    institutions.pairs.map((p) => [p.a.institution, p.b.institution, p.papers]),
    [['Google', 'Tsinghua University', 2], ['MIT', 'Tsinghua University', 1]],
  );
});

test('sectors: combinations per paper, totals and fractional papers', () => {
  const { overall, byYear } = analytics.sectors;
  assert.equal(overall.pairPapers, 3);
  assert.equal(overall.combinations, 3);
  assert.deepEqual(
    overall.cells.map((c) => [c.sectorA, c.sectorB, c.combinations]),
    [['company', 'education', 2], ['education', 'education', 1]],
  );
  // A paper with two sectors on each side has four combinations, each a quarter of the paper.
  const mixed = paper({ year: 2020 }, [author('a', google()), author('b', mit()), author('c', tsinghua()), author('d', aff('Baidu', 'CN', 'company'))]);
  const one = paper({ year: 2021 }, [author('a', google()), author('c', tsinghua())]);
  const sectors = analyzeCorpus([mixed, one], { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).sectors;
  assert.equal(sectors.overall.combinations, 5);
  const cell = (a: string, b: string) => sectors.overall.cells.find((c) => c.sectorA === a && c.sectorB === b)!;
  assert.equal(cell('company', 'education').combinations, 2);
  close(cell('company', 'education').papers, 1.25);
  close(cell('education', 'company').papers, 0.25);
  close(sectors.overall.cells.reduce((s, c) => s + c.papers, 0), 2);
  close(sectors.overall.cells.reduce((s, c) => s + c.share, 0), 1);
  assert.deepEqual(sectors.byYear.map((y) => [y.year, y.combinations]), [[2020, 4], [2021, 1]]);
});

test('network: per-year cross-border edges, bridges and communities', () => {
  const { network } = analytics;
  assert.deepEqual(
    network.byYear.map((y) => [y.year, y.institutions, y.edges, y.crossBorderShare, y.pair.withinA, y.pair.withinB, y.pair.across, y.pair.acrossShare]),
    [
      [2016, 3, 2, 1, 0, 0, 2, 1],
      [2017, 7, 5, 0.8, 0, 1, 1, 0.5],
      [2018, 2, 1, 1, 0, 0, 0, 0],
    ],
  );
  // Ties: one per institution pair per paper. 2017: Stanford-Toronto, Peking-MSRA, and P5's three pairs.
  assert.deepEqual(
    network.byYear.map((y) => [y.ties, y.crossBorderTieShare, y.pair.ties.across, y.pair.acrossTieShare]),
    [
      [2, 1, 2, 1],
      [5, 0.8, 1, 0.5],
      [1, 1, 0, 0],
    ],
  );
  // A tie repeated on two papers in a year is one edge and two ties.
  const twice = [1, 2].map(() => paper({ year: 2020 }, [author('a', google()), author('b', tsinghua())]));
  const y2020 = analyzeCorpus(twice, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).network.byYear[0];
  assert.deepEqual([y2020.edges, y2020.ties, y2020.pair.across, y2020.pair.ties.across], [1, 2, 1, 2]);
  // CMU (US) reaches Tsinghua (CN) only through HKUST: 1 of 4 US x 3 CN source-target pairs.
  assert.deepEqual(network.bridges.map((b) => b.institution), ['HKUST']);
  close(network.bridges[0].pairBetweenness, 1 / 12);
  assert.equal(network.bridges[0].tiesA, 2); // with Google (P5) and CMU (P6)
  assert.equal(network.bridges[0].tiesB, 1);
  const c = network.communities;
  assert.equal(c.institutions, 9);
  assert.equal(c.nodes, 9);
  assert.equal(c.edges, 7);
  assert.equal(c.capped, false);
  const communityOf = (name: string) => c.list.find((x) => x.members.includes(name))?.id;
  assert.equal(communityOf('Stanford University'), communityOf('University of Toronto'));
  assert.equal(communityOf('Peking University'), communityOf('Microsoft Research Asia'));
  assert.notEqual(communityOf('Peking University'), communityOf('Stanford University'));
  assert.equal(c.list.reduce((s, x) => s + x.institutions, 0), 9);
});

test('network: cap keeps the institutions with most papers', () => {
  const capped = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS, networkMaxNodes: 3 }).network.communities;
  assert.equal(capped.capped, true);
  assert.equal(capped.nodes, 3);
  // Tsinghua 3 papers, Google 2, HKUST 2 (MIT has 1)
  assert.deepEqual(new Set(capped.list.flatMap((x) => x.members)), new Set(['Tsinghua University', 'Google', 'HKUST']));
});

test('analytics are deterministic and independent of paper order', () => {
  const again = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(again, analytics);
  const reversed = analyzeCorpus(smallCorpus().reverse(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(reversed.network.communities, analytics.network.communities);
  assert.deepEqual(reversed.network.bridges, analytics.network.bridges);
  assert.deepEqual(reversed.fields, analytics.fields);
  assert.deepEqual(reversed.sensitivity, analytics.sensitivity);
});

test('third countries and the country-pair matrix', () => {
  const t = analytics.thirdCountries;
  assert.equal(t.pairPapers, 3);
  assert.equal(t.withThird.count, 1);
  assert.deepEqual(t.brokers.map((b) => [b.country, b.papers]), [['HK', 1]]);
  close(t.brokers[0].fractional, 1 / 3);
  assert.deepEqual(
    t.pairs.map((p) => [p.a, p.b, p.papers]),
    [['CN', 'US', 3], ['HK', 'US', 2], ['CA', 'US', 1], ['CN', 'HK', 1]],
  );
  assert.deepEqual(t.matrix.countries, ['US', 'CN', 'HK', 'CA']);
  assert.deepEqual(t.matrix.cells, [
    [5, 3, 2, 1],
    [3, 4, 1, 0],
    [2, 1, 2, 0],
    [1, 0, 0, 1],
  ]);
  assert.deepEqual(t.byYear.map((y) => [y.year, y.pairPapers, y.withThird]), [[2016, 2, 0], [2017, 1, 1]]);
});

test('dual affiliations: counted separately, pair count under both rules', () => {
  const d = analytics.dualAffiliations;
  assert.equal(d.rule, 'count');
  assert.equal(d.authorships, 14);
  assert.equal(d.dualAuthorships, 1);
  assert.equal(d.distinctAuthors, 1);
  assert.equal(d.papersWithDual, 1);
  assert.deepEqual(d.pairPapers, { count: 3, ignore: 2, onlyThroughDual: 1, shareOnlyThroughDual: 0.333333333333 });
  assert.deepEqual(d.institutionPairs, [{ a: 'MIT', b: 'Tsinghua University', authorships: 1 }]);
  assert.deepEqual(d.countryPairs, [{ a: 'CN', b: 'US', authorships: 1 }]);
  const ignoring = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' } });
  assert.equal(ignoring.dualAffiliations.rule, 'ignore');
  assert.deepEqual(ignoring.dualAffiliations.pairPapers, d.pairPapers);
  assert.equal(ignoring.counting.full.pair.count, 2);
  // Under ignore, the dual author's institutions do not take part in pair-side tables.
  assert.deepEqual(ignoring.institutions.sides[0].rows.map((r) => r.institution), ['Google']);
});

test('sensitivity: one definition changed at a time', () => {
  const rows = analytics.sensitivity.rows.map((r) => [r.definition, r.value, r.papers, r.pairPapers]);
  assert.deepEqual(rows, [
    ['baseline', 'mainland/lab/count/all/all/all/infer/located', 6, 3],
    ['chinaScope', 'greater', 6, 4], // P6: HKUST becomes CN
    ['multinational', 'hq', 6, 4], // P4: MSRA counts in the US
    ['dualAffiliation', 'ignore', 6, 2], // P2 only through its dual author
    ['affiliations', 'first', 6, 2], // P2's dual author's first affiliation is MIT
    ['tracks', 'main', 5, 3], // P4 is a workshop paper
    ['authors', 'first', 6, 0], // no first author pairs with anyone
    ['authors', 'last', 5, 0], // P2's last author is unresolved: out of the located denominator
    ['authors', 'first-last', 6, 1], // P1: Google (US) first, Tsinghua (CN) last
    ['unlocated', 'hq', 6, 3], // no company named without a site here
    ['unlocated', 'exclude', 6, 3],
    ['denominator', 'all', 6, 3], // every paper has a located author
  ]);
  const greater = analytics.sensitivity.rows[1];
  assert.equal(greater.deltaPapers, 1);
  close(greater.deltaShare, 4 / 6 - 0.5, 1e-9);
  close(greater.relativeChange, 1 / 3, 1e-9);
  assert.deepEqual(analytics.sensitivity.range, { minPapers: 0, maxPapers: 4, minShare: 0, maxShare: 0.666666666667 });
  // Varying from a different baseline flips the other way.
  const hq = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: { ...DEFAULT_DEFINITIONS, multinational: 'hq' } }).sensitivity.rows;
  assert.deepEqual(hq.map((r) => [r.definition, r.value, r.pairPapers]).slice(0, 3), [
    ['baseline', 'mainland/hq/count/all/all/all/infer/located', 4],
    ['chinaScope', 'greater', 5],
    ['multinational', 'lab', 3],
  ]);
});

test('empty corpus and a corpus without pair papers do not fail', () => {
  const empty = analyzeCorpus([], { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.equal(empty.counting.full.papers, 0);
  assert.equal(empty.trend.overall, null);
  assert.equal(empty.trend.panel.computed, false);
  assert.equal(empty.network.communities.nodes, 0);
  const none = analyzeCorpus([paper({ year: 2020 }, [author('a', peking())])], { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.equal(none.counting.full.pair.count, 0);
  assert.match(none.fields.findings[0], /No US-CN collaboration papers/);
  assert.deepEqual(none.network.bridges, []);
});

test('betweenness budget keeps the top-ranked institutions that fit', async () => {
  const { budgetSubgraph } = await import('../../src/analyze/network.js');
  const { UndirectedGraph } = await import('graphology');
  // A path a-b-c-d: ranks 0..3. Top 3 (a, b, c) have 2 edges: 3 x 2 = 6 fits a budget of 6; all 4 would be 4 x 3 = 12.
  const graph = new UndirectedGraph();
  for (const node of ['a', 'b', 'c', 'd']) graph.addNode(node);
  graph.addEdge('a', 'b');
  graph.addEdge('b', 'c');
  graph.addEdge('c', 'd');
  const rank = new Map([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
  assert.equal(budgetSubgraph(graph, rank, 100), graph);
  const sub = budgetSubgraph(graph, rank, 6);
  assert.deepEqual(sub.nodes(), ['a', 'b', 'c']);
  assert.equal(sub.size, 2);
  assert.equal(analytics.network.bridgeGraph.capped, false);
});

test('trend: several venues in one run, growth slowing with its p-value', () => {
  const make = (venue: string, year: number, total: number, pair: number) =>
    Array.from({ length: total }, (_, i) =>
      paper({ year, venue }, i < pair ? [author('a', google()), author('b', tsinghua())] : [author('a', google())]),
    );
  const papers = [
    ...make('NeurIPS', 2016, 1000, 100),
    ...make('NeurIPS', 2017, 1000, 150),
    ...make('NeurIPS', 2018, 1000, 180),
    ...make('ICML', 2017, 200, 10),
    ...make('ICML', 2018, 300, 30),
  ];
  const { trend } = analyzeCorpus(papers, { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.deepEqual(trend.byVenue.map((s) => s.venue), ['ICML', 'NeurIPS']);
  const neurips = trend.byVenue[1];
  assert.deepEqual(neurips.rows.map((r) => [r.year, r.papers, r.pairPapers, r.share]), [
    [2016, 1000, 100, 0.1],
    [2017, 1000, 150, 0.15],
    [2018, 1000, 180, 0.18],
  ]);
  close(neurips.rows[1].growth, 0.5);
  close(neurips.rows[2].growth, 0.2);
  // The change of growth on the scale of its test: ln(1.2) - ln(1.5) = -.223144 (growth factor x0.8).
  close(neurips.rows[2].growthChange, Math.log(1.2 / 1.5));
  close(neurips.cagr, Math.sqrt(1.8) - 1, 1e-9);
  // Counts: d = -.223144, var = 1/180 + 4/150 + 1/100, z = -1.085963, p = .277496: negative but not significant.
  const slowing = neurips.slowing.papers;
  assert.equal(slowing.verdict, 'no-evidence');
  close(slowing.p, 0.277496, 1e-5);
  close(slowing.ratio, 0.8, 1e-9);
  assert.equal(slowing.significant, false);
  assert.match(slowing.sentence, /^NeurIPS, US-CN papers: no evidence that growth changed \(at the 5% level\): fitted growth \+50\.0% a year \(2016-2017\), then \+20\.0% \(2017-2018\); ratio of annual growth factors 0\.80 .*p=0\.28; Poisson variance assumed/);
  assert.doesNotMatch(slowing.sentence, /slowed/);
  // Shares: var(ln p) = (1-p)/x: .82/180 + 4 * .85/150 + .9/100 = .0362222; z = -.223144 / .190321 = -1.172459
  close(neurips.slowing.share.statistic, -1.172459, 1e-5);
  // Share change 2017 -> 2018: pooled .165, se = sqrt(.165 * .835 * .002) = .016600, z = 1.807262, p = .070721
  close(neurips.rows[2].shareChangeP, 0.070721, 1e-5);
  // ICML has two years only, and misses 2016: the pooled series is the balanced panel, NeurIPS alone.
  assert.equal(trend.byVenue[0].slowing.papers.verdict, 'insufficient-data');
  assert.deepEqual([trend.panel.venues, trend.panel.excluded, trend.panel.computed], [['NeurIPS'], ['ICML'], true]);
  assert.match(trend.panel.note, /balanced panel NeurIPS .*not pooled, as missing some years: ICML/);
  assert.deepEqual(trend.overall?.rows.map((r) => [r.year, r.papers, r.pairPapers]), [
    [2016, 1000, 100],
    [2017, 1000, 150],
    [2018, 1000, 180],
  ]);
  // No venue in every year: no pooled trend, and the note says why.
  const unbalanced = analyzeCorpus([...make('A', 2016, 100, 10), ...make('A', 2017, 100, 10), ...make('B', 2017, 100, 10), ...make('B', 2018, 100, 10)], {
    pair: PAIR,
    definitions: DEFAULT_DEFINITIONS,
  }).trend;
  assert.equal(unbalanced.overall, null);
  assert.match(unbalanced.panel.note, /^No pooled trend: no venue is present in every year of 2016-2018/);
  // A doubling of growth with many papers is significant.
  const fast = [...make('X', 2016, 5000, 1000), ...make('X', 2017, 5000, 1100), ...make('X', 2018, 5000, 2000)];
  const verdict = analyzeCorpus(fast, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).trend.byVenue[0].slowing.papers;
  assert.equal(verdict.verdict, 'accelerating');
  assert.ok(verdict.significant);
  assert.match(verdict.sentence, /growth accelerated significantly \(at the 5% level\), fitted growth \+10\.0% a year .* then \+81\.8% .*p<0\.001/);
});
