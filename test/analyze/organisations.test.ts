// The institution level in the analytics, on the hand-made corpus of organisation-fixtures.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeCorpus } from '../../src/analyze/index.js';
import { OrganisationGraph } from '../../src/kb/organisations.js';
import { DEFAULT_DEFINITIONS, type Definitions } from '../../src/types.js';
import { ORGANISATION_RECORDS, organisationCorpus } from './organisation-fixtures.js';

const organisations = new OrganisationGraph(ORGANISATION_RECORDS);
const run = (over: Partial<Definitions>, papers = organisationCorpus()) =>
  analyzeCorpus(papers, { pair: ['US', 'CN'], definitions: { ...DEFAULT_DEFINITIONS, ...over }, organisations });
const rows = (a: ReturnType<typeof run>, side: number) =>
  a.institutions.sides[side].rows.map((r) => [r.institution, r.institutionId, r.country, r.papers, r.fractional]);

test('unit reproduces the tables of the analytics before the institution level existed', () => {
  // organisation-golden.json: institutions, sectors and dualAffiliations of this corpus computed by main
  // at f57e406 and again at ce90c7e (before this change; identical) under the default definitions of the day.
  const golden = JSON.parse(readFileSync(new URL('./organisation-golden.json', import.meta.url), 'utf8'));
  const a = run({ institutionLevel: 'unit' });
  assert.deepEqual(JSON.parse(JSON.stringify({ institutions: a.institutions, sectors: a.sectors, dualAffiliations: a.dualAffiliations })), golden);
  // The network (which other work keeps changing) against a base with no parent links at all, where
  // nothing can roll up: the same nodes, names, communities and bridges.
  const flat = analyzeCorpus(organisationCorpus(), {
    pair: ['US', 'CN'],
    definitions: { ...DEFAULT_DEFINITIONS, institutionLevel: 'top', contestedParents: 'follow' },
    organisations: new OrganisationGraph(ORGANISATION_RECORDS.map(({ parent: _parent, ...record }) => record)),
  });
  assert.deepEqual(a.network, flat.network);
  assert.deepEqual(a.institutions, flat.institutions);
});

test('two units of one parent on one paper count once for the parent', () => {
  const q1 = organisationCorpus().slice(0, 1);
  const unit = run({ institutionLevel: 'unit' }, q1);
  assert.deepEqual(rows(unit, 1), [
    ['Institute A', 'cn-academy-a', 'CN', 1, 0.333333333333],
    ['Institute B', 'cn-academy-b', 'CN', 1, 0.333333333333],
  ]);
  const parent = run({ institutionLevel: 'parent' }, q1);
  assert.deepEqual(rows(parent, 1), [['Academy', 'cn-academy', 'CN', 1, 0.666666666667]]);
  assert.equal(parent.institutions.sides[1].institutions, 1);
  assert.deepEqual(parent.institutions.sides[1].rows[0].units, [
    { institution: 'Institute A', institutionId: 'cn-academy-a', papers: 1 },
    { institution: 'Institute B', institutionId: 'cn-academy-b', papers: 1 },
  ]);
  // Q1's institution pairs: 2 at unit level (A x Research, B x Research), 1 at parent level
  assert.equal(unit.institutions.distinctPairs, 2);
  assert.deepEqual(parent.institutions.pairs.map((p) => [p.a.institution, p.b.institution, p.papers]), [['BigCo', 'Academy', 1]]);
});

test('parent: institution tables, pairs and units of each row', () => {
  const a = run({ institutionLevel: 'parent' });
  // US: Q1 Research, Q2 BigCo, Q4 Research + BigCo -> BigCo 3 papers (1/3 + 1/2 + 1/4 + 1/4); Q3 Plains
  assert.deepEqual(rows(a, 0), [
    ['BigCo', 'us-bigco', 'US', 3, 1.33333333333],
    ['Plains University', 'us-plains', 'US', 1, 0.5],
  ]);
  assert.deepEqual(a.institutions.sides[0].rows[0].units, [
    { institution: 'BigCo Research', institutionId: 'us-bigco-research', papers: 2 },
    { institution: 'BigCo', institutionId: 'us-bigco', papers: 2 },
  ]);
  assert.equal(a.institutions.sides[0].rows[1].units, undefined);
  // CN: Academy on Q1 and Q4 (Q4's author lists Institute A and the Academy: once); the contested
  // university stays separate; BigCo's lab in CN counts as BigCo, in CN.
  assert.deepEqual(rows(a, 1), [
    ['Academy', 'cn-academy', 'CN', 2, 1.16666666667],
    ['University of the Academy', 'cn-academy-univ', 'CN', 1, 0.5],
    ['BigCo', 'us-bigco', 'CN', 1, 0.5],
  ]);
  assert.deepEqual(a.institutions.sides[1].rows[0].units?.map((u) => [u.institutionId, u.papers]), [['cn-academy-a', 2], ['cn-academy-b', 1], ['cn-academy', 1]]);
  assert.deepEqual(
    a.institutions.pairs.map((p) => [p.a.institution, p.b.institution, p.papers]),
    [['BigCo', 'Academy', 2], ['BigCo', 'University of the Academy', 1], ['Plains University', 'BigCo', 1]],
  );
});

test('contestedParents=follow rolls the university into the academy; top follows to the root', () => {
  const follow = run({ institutionLevel: 'parent', contestedParents: 'follow' });
  assert.deepEqual(rows(follow, 1), [
    ['Academy', 'cn-academy', 'CN', 3, 1.66666666667],
    ['BigCo', 'us-bigco', 'CN', 1, 0.5],
  ]);
  const top = run({ institutionLevel: 'top' });
  assert.deepEqual(rows(top, 0), [
    ['Holding', 'us-holding', 'US', 3, 1.33333333333],
    ['Plains University', 'us-plains', 'US', 1, 0.5],
  ]);
  assert.deepEqual(rows(top, 1).map((r) => r[0]), ['Academy', 'University of the Academy', 'Holding']);
});

test('sectors count each organisation once, with the organisation\'s sector', () => {
  const cells = (a: ReturnType<typeof run>) => a.sectors.overall.cells.map((c) => [c.sectorA, c.sectorB, c.combinations]);
  // unit: Q1 has government (Institute A) and facility (Institute B) on the CN side
  assert.deepEqual(cells(run({ institutionLevel: 'unit' })), [
    ['company', 'government', 2], ['education', 'company', 1], ['company', 'education', 1], ['company', 'facility', 1],
  ]);
  // parent: both institutes are the Academy (government)
  assert.deepEqual(cells(run({ institutionLevel: 'parent' })), [['company', 'government', 2], ['education', 'company', 1], ['company', 'education', 1]]);
  assert.deepEqual(cells(run({ institutionLevel: 'parent', contestedParents: 'follow' })), [['company', 'government', 3], ['education', 'company', 1]]);
});

test('network nodes are organisations at the level in force', () => {
  const nodes = (a: ReturnType<typeof run>) => a.network.communities.institutions;
  assert.equal(nodes(run({ institutionLevel: 'unit' })), 8);
  // Academy, University of the Academy, BigCo@US, BigCo@CN, Plains
  assert.equal(nodes(run({ institutionLevel: 'parent' })), 5);
  assert.equal(nodes(run({ institutionLevel: 'top', contestedParents: 'follow' })), 4);
});

test('the institution level never moves the headline or the sensitivity table', () => {
  const unit = run({ institutionLevel: 'unit' });
  const parent = run({ institutionLevel: 'top', contestedParents: 'follow' });
  assert.deepEqual(parent.counting, unit.counting);
  assert.deepEqual(
    parent.sensitivity.rows.map((r) => [r.definition, r.pairPapers]),
    unit.sensitivity.rows.map((r) => [r.definition, r.pairPapers]),
  );
});
