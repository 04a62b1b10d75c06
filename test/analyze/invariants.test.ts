// The invariants on random corpora under random definitions, and the terminal rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeCorpus, renderAnalyticsText } from '../../src/analyze/index.js';
import { authorCountries, countedAuthors, paperCountries, paperHasPair, paperInScope, paperInTracks } from '../../src/definitions.js';
import { DEFAULT_DEFINITIONS, SECTORS, type Affiliation, type Definitions, type Paper } from '../../src/types.js';
import { aff, author, paper, PAIR, smallCorpus } from './fixtures.js';

const near = (a: number, b: number, tolerance = 1e-6) => Math.abs(a - b) <= tolerance;

const institutions: Array<[string | null, string | null, string | null]> = [
  ['Google', 'US', 'US'],
  ['Google Beijing', 'CN', 'US'],
  ['Microsoft Research Asia', 'CN', 'US'],
  ['MIT', 'US', null],
  ['Stanford', 'US', null],
  ['Tsinghua', 'CN', null],
  ['Peking', 'CN', null],
  ['HKUST', 'HK', null],
  ['NTU Taiwan', 'TW', null],
  ['Oxford', 'GB', null],
  ['Toronto', 'CA', null],
  ['Somewhere', null, null],
  [null, null, null],
  [null, 'US', null],
];

const definitionsArb: fc.Arbitrary<Definitions> = fc.record({
  chinaScope: fc.constantFrom('mainland' as const, 'greater' as const),
  multinational: fc.constantFrom('lab' as const, 'hq' as const),
  dualAffiliation: fc.constantFrom('count' as const, 'ignore' as const),
  affiliations: fc.constantFrom('all' as const, 'first' as const),
  tracks: fc.constantFrom('all' as const, 'main' as const),
  authors: fc.constantFrom('all' as const, 'first' as const, 'last' as const, 'first-last' as const),
  unlocated: fc.constantFrom('infer' as const, 'hq' as const, 'exclude' as const),
  denominator: fc.constantFrom('located' as const, 'all' as const),
  institutionLevel: fc.constantFrom('unit' as const, 'parent' as const, 'top' as const),
  contestedParents: fc.constantFrom('separate' as const, 'follow' as const),
});

const affiliationArb = fc
  .tuple(fc.nat(institutions.length - 1), fc.constantFrom(...SECTORS, null))
  .map(([i, sector]) => aff(institutions[i][0], institutions[i][1], sector, institutions[i][2]));
const authorArb = fc.array(affiliationArb, { maxLength: 3 }).map((affiliations) => author('x', ...affiliations));
const paperSpecArb = fc.record({
  year: fc.integer({ min: 2013, max: 2018 }),
  venue: fc.constantFrom('NeurIPS', 'ICML'),
  track: fc.constantFrom(null, 'main', 'Workshop'),
  fields: fc.uniqueArray(fc.constantFrom('llm-nlp', 'vision', 'rl', 'theory'), { maxLength: 3 }),
  authors: fc.array(authorArb, { maxLength: 5 }),
  // slots past the last author (most papers have none)
  unattributed: fc.oneof({ weight: 3, arbitrary: fc.constant<Affiliation[]>([]) }, { weight: 1, arbitrary: fc.array(affiliationArb, { minLength: 1, maxLength: 2 }) }),
});
const corpusArb = fc.tuple(definitionsArb, fc.array(paperSpecArb, { maxLength: 40 })).map(([definitions, specs]) => ({
  definitions,
  papers: specs.map((s) => paper({ year: s.year, venue: s.venue, track: s.track, fields: s.fields, unattributed: s.unattributed }, s.authors, definitions)),
}));

function checkInvariants(papers: Paper[], definitions: Definitions): void {
  const a = analyzeCorpus(papers, { pair: PAIR, definitions, networkMaxNodes: 6 });
  const inScope = papers.filter((p) => paperInScope(p, definitions));
  const pairPapers = inScope.filter((p) => paperHasPair(p, PAIR, definitions)).length;
  const { full, fractional } = a.counting;
  // The pair count equals the papers.jsonl rows with both countries (under dualAffiliation=count).
  assert.equal(full.papers, inScope.length);
  assert.equal(full.pair.count, pairPapers);
  if (definitions.dualAffiliation === 'count') {
    assert.equal(pairPapers, inScope.filter((p) => p.countries.includes('US') && p.countries.includes('CN')).length);
  }
  // Fractional counts sum to the number of papers, overall and on the pair's papers.
  assert.ok(near(fractional.sum, inScope.length), `fractional sum ${fractional.sum} != ${inScope.length}`);
  assert.ok(near(fractional.countries.reduce((s, c) => s + c.papers, 0) + fractional.unknown, inScope.length));
  assert.ok(near(fractional.pair.contributions.reduce((s, c) => s + c.papers, 0), pairPapers));
  // Field tables add up to their totals (primary field).
  assert.equal(a.fields.primary.rows.reduce((s, r) => s + r.allPapers, 0), inScope.length);
  assert.equal(a.fields.primary.rows.reduce((s, r) => s + r.pairPapers, 0), pairPapers);
  // Sector tables add up to their totals: combinations, and one fractional paper per collaboration paper.
  const { overall, byYear } = a.sectors;
  assert.equal(overall.pairPapers, pairPapers);
  assert.equal(overall.cells.reduce((s, c) => s + c.combinations, 0), overall.combinations);
  assert.ok(near(overall.cells.reduce((s, c) => s + c.papers, 0), pairPapers));
  assert.equal(byYear.reduce((s, y) => s + y.combinations, 0), overall.combinations);
  assert.equal(byYear.reduce((s, y) => s + y.pairPapers, 0), pairPapers);
  // Trend rows add up to the totals, per venue and overall.
  assert.equal(a.trend.byVenue.flatMap((v) => v.rows).reduce((s, r) => s + r.pairPapers, 0), pairPapers);
  // The pooled series covers exactly the balanced panel; with every venue in it, it adds up to the totals.
  if (a.trend.overall && a.trend.panel.excluded.length === 0) assert.equal(a.trend.overall.rows.reduce((s, r) => s + r.pairPapers, 0), pairPapers);
  assert.equal(a.trend.overall !== null, a.trend.panel.computed);
  assert.equal(a.trend.byVenue.flatMap((v) => v.rows).reduce((s, r) => s + r.papers, 0), inScope.length);
  // Sensitivity's baseline is the headline; dual-affiliation counts agree with the rule in force.
  assert.equal(a.sensitivity.rows[0].pairPapers, pairPapers);
  const d = a.dualAffiliations.pairPapers;
  assert.equal(d.count - d.ignore, d.onlyThroughDual);
  assert.equal(definitions.dualAffiliation === 'count' ? d.count : d.ignore, pairPapers);
  assert.equal(a.sensitivity.rows.find((r) => r.definition === 'dualAffiliation')!.pairPapers, definitions.dualAffiliation === 'count' ? d.ignore : d.count);
  // Coverage counts every author: with every author counted, the located denominator is its located papers.
  if (definitions.authors === 'all' && definitions.denominator === 'located') assert.equal(a.coverage.total.anyLocated, inScope.length);
  assert.ok(a.coverage.total.allLocated <= a.coverage.total.anyLocated);
  // The matrix diagonal is full counting.
  a.thirdCountries.matrix.countries.forEach((c, i) => {
    assert.equal(a.thirdCountries.matrix.cells[i][i], full.countries.find((x) => x.country === c)!.papers);
  });
  for (const side of a.institutions.sides) for (const row of side.rows) assert.ok(row.papers <= pairPapers);
  assert.equal(a.thirdCountries.pairPapers, pairPapers);
  assert.ok(a.network.communities.nodes <= 6);
  // The rendering fits 120 columns.
  for (const line of renderAnalyticsText(a, { pair: PAIR, definitions }).split('\n')) assert.ok(line.length <= 120, line);
}

test('invariants hold on random corpora under random definitions', () => {
  fc.assert(
    fc.property(corpusArb, ({ papers, definitions }) => checkInvariants(papers, definitions)),
    { numRuns: 200, seed: 20240601 },
  );
});

test('the terminal output has a table for every summary.json key, within 120 columns', () => {
  const analytics = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  const text = renderAnalyticsText(analytics, { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  for (const heading of ['Coverage', '1. Counting', '2. Trend', '3. Fields', '4. Institutions', '5. Sectors', '6. Network', '7. Third countries', '8. Dual affiliations', '9. Definition sensitivity']) {
    assert.ok(text.includes(heading), heading);
  }
  assert.ok(text.split('\n').every((line) => line.length <= 120));
  assert.deepEqual(Object.keys(analytics), ['coverage', 'counting', 'trend', 'fields', 'institutions', 'sectors', 'network', 'thirdCountries', 'dualAffiliations', 'sensitivity']);
  assert.deepEqual(Object.keys(analytics.counting).filter((k) => k !== 'pair'), ['full', 'fractional']);
  assert.ok('communities' in analytics.network && 'bridges' in analytics.network);
  // summary.json survives a JSON round trip unchanged (no NaN, no undefined).
  assert.deepEqual(JSON.parse(JSON.stringify(analytics)), analytics);
});

test('long institution names are clipped to the width', () => {
  const long = 'The Extremely Long Name of a Research Institute for Advanced Studies in Artificial Intelligence and Beyond';
  const papers = [paper({ year: 2020 }, [author('a', aff(long, 'US')), author('b', aff(`${long} China`, 'CN'))])];
  const text = renderAnalyticsText(analyzeCorpus(papers, { pair: PAIR, definitions: DEFAULT_DEFINITIONS }), { pair: PAIR, definitions: DEFAULT_DEFINITIONS });
  assert.ok(text.split('\n').every((line) => line.length <= 120));
});

test('paperHasPair and paperInScope (made without building country lists) equal their definitions by country lists', () => {
  // some affiliations made companies named without a site, placed or not from the run's evidence
  const unlocatedArb = fc.tuple(affiliationArb, fc.constantFrom(null, undefined, 'CN', 'US', 'HK')).map(([a, inferred]) =>
    inferred === null ? a : { ...a, method: 'hq-default' as const, ...(inferred ? { inferred: { country: inferred, rule: 'co-author' as const, paper: 'p', author: 'x', raw: 'r', support: 1, agreeing: 1 } } : {}) },
  );
  const authorsArb = fc.array(fc.array(unlocatedArb, { maxLength: 3 }).map((affiliations) => author('x', ...affiliations)), { maxLength: 5 });
  const unattributedArb = fc.array(unlocatedArb, { maxLength: 2 });
  fc.assert(
    fc.property(definitionsArb, authorsArb, unattributedArb, fc.constantFrom(null, 'main', 'Workshop'), (definitions, authors, unattributed, track) => {
      const p = paper({ year: 2020, track, unattributed }, authors, definitions);
      const [a, b] = PAIR;
      let hasA = false;
      let hasB = false;
      // an affiliation no author holds counts as an author of its own, only when every author and affiliation counts
      const loose = definitions.authors === 'all' && definitions.affiliations === 'all' ? unattributed.map((u) => author('', u)) : [];
      for (const who of [...countedAuthors(p.authors, definitions), ...loose]) {
        const codes = authorCountries(who, definitions);
        if (definitions.dualAffiliation === 'ignore' && codes.includes(a) && codes.includes(b)) continue;
        hasA ||= codes.includes(a);
        hasB ||= codes.includes(b);
      }
      assert.equal(paperHasPair(p, PAIR, definitions), hasA && hasB);
      const codes = new Set([...countedAuthors(p.authors, definitions), ...loose].flatMap((who) => authorCountries(who, definitions)));
      assert.deepEqual(paperCountries(p, definitions), [...codes].sort());
      const inScope = paperInTracks(p, definitions) && (definitions.denominator === 'all' || paperCountries(p, definitions).length > 0);
      assert.equal(paperInScope(p, definitions), inScope);
    }),
    { numRuns: 2000 },
  );
});
