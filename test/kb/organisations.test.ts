import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCuratedInstitutions } from '../../src/kb/load.js';
import { InstitutionSchema } from '../../src/kb/schema.js';
import { loadOrganisations, organisationMatches, organisationNode, OrganisationGraph } from '../../src/kb/organisations.js';
import { ORGANISATION_RECORDS, unit } from '../analyze/organisation-fixtures.js';

const graph = () => new OrganisationGraph(ORGANISATION_RECORDS);

test('rollUp: unit is the unit, parent the nearest parent, top the root', () => {
  const g = graph();
  assert.equal(g.rollUp('us-bigco-research', 'unit', 'separate'), 'us-bigco-research');
  assert.equal(g.rollUp('us-bigco-research', 'parent', 'separate'), 'us-bigco');
  assert.equal(g.rollUp('us-bigco-research', 'top', 'separate'), 'us-holding');
  assert.equal(g.rollUp('us-plains', 'top', 'separate'), 'us-plains');
  assert.equal(g.rollUp('not-in-the-base', 'parent', 'follow'), 'not-in-the-base');
  assert.deepEqual(g.chain('cn-bigco-east'), ['cn-bigco-east', 'us-bigco', 'us-holding']);
});

test('rollUp: a contested link is followed only under follow, at any depth', () => {
  const g = graph();
  assert.equal(g.rollUp('cn-academy-univ', 'parent', 'separate'), 'cn-academy-univ');
  assert.equal(g.rollUp('cn-academy-univ', 'parent', 'follow'), 'cn-academy');
  const deep = new OrganisationGraph([
    { id: 'xx-lab', name: 'Lab', country: 'CN', sector: 'education', parent: 'xx-school' },
    { id: 'xx-school', name: 'School', country: 'CN', sector: 'education', parent: 'xx-academy', parentContested: true },
    { id: 'xx-academy', name: 'Academy', country: 'CN', sector: 'government' },
  ]);
  assert.equal(deep.rollUp('xx-lab', 'top', 'separate'), 'xx-school');
  assert.equal(deep.rollUp('xx-lab', 'top', 'follow'), 'xx-academy');
});

test('rollUp: a cycle or a parent missing from the base stops the walk', () => {
  const g = new OrganisationGraph([
    { id: 'xx-a', name: 'A', country: 'US', sector: 'company', parent: 'xx-b' },
    { id: 'xx-b', name: 'B', country: 'US', sector: 'company', parent: 'xx-a' },
    { id: 'xx-c', name: 'C', country: 'US', sector: 'company', parent: 'xx-missing' },
  ]);
  assert.deepEqual(g.chain('xx-a'), ['xx-a', 'xx-b']);
  assert.equal(g.rollUp('xx-a', 'top', 'follow'), 'xx-b');
  assert.equal(g.rollUp('xx-c', 'top', 'follow'), 'xx-c');
});

test('organisationNode keeps the country the affiliation counts for and the unit as it was when nothing rolls up', () => {
  const g = graph();
  const east = unit('cn-bigco-east');
  assert.deepEqual(organisationNode(east, 'CN', { institutionLevel: 'parent', contestedParents: 'separate' }, g), {
    key: 'us-bigco@CN', unitKey: 'cn-bigco-east@CN', id: 'us-bigco', name: 'BigCo', sector: 'company',
  });
  assert.deepEqual(organisationNode(east, 'US', { institutionLevel: 'unit', contestedParents: 'separate' }, g), {
    key: 'cn-bigco-east@US', unitKey: 'cn-bigco-east@US', id: 'cn-bigco-east', name: 'BigCo Research East', sector: 'company',
  });
  const unknown = { ...unit('us-plains'), institutionId: null, institution: 'Some Lab' };
  assert.equal(organisationNode(unknown, null, { institutionLevel: 'top', contestedParents: 'follow' }, g)?.key, 'name:some lab@?');
  assert.equal(organisationNode({ ...unknown, institution: null }, 'US', { institutionLevel: 'parent', contestedParents: 'follow' }, g), null);
});

test('organisationMatches: a filter names a unit or the organisation it counts as', () => {
  const g = graph();
  const level = { institutionLevel: 'parent', contestedParents: 'separate' } as const;
  assert.equal(organisationMatches(unit('cn-academy-a'), 'academy', level, g), true);
  assert.equal(organisationMatches(unit('cn-academy-a'), 'institute a', level, g), true);
  assert.equal(organisationMatches(unit('cn-academy-a'), 'academy', { ...level, institutionLevel: 'unit' }, g), false);
  assert.equal(organisationMatches(unit('cn-academy-univ'), 'academy', level, g), false);
  assert.equal(organisationMatches(unit('cn-academy-univ'), 'cn-academy', { ...level, contestedParents: 'follow' }, g), true);
});

test('the schema accepts a sourced, contested parent link and refuses link fields without a parent', () => {
  const base = { id: 'xx-unit', name: 'A Unit', country: 'CN', sector: 'education' };
  assert.equal(InstitutionSchema.safeParse({ ...base, parent: 'xx-org', parentSource: 'example.org/about', parentContested: true, parentNote: 'run by it' }).success, true);
  assert.equal(InstitutionSchema.safeParse({ ...base, parentSource: 'example.org/about' }).success, false);
  assert.equal(InstitutionSchema.safeParse({ ...base, parentContested: true }).success, false);
});

// The curated base: the parent links that decide the top of the tables carry a source.
const REVIEWED_PARENTS = ['cn-cas', 'us-google', 'us-microsoft', 'cn-huawei', 'cn-alibaba', 'cn-tencent', 'cn-baidu', 'cn-tsinghua', 'cn-pku', 'cn-hit', 'hk-hkust', 'hk-cuhk', 'hk-hku'];

test('curated base: parents exist, reviewed links have a source, contested links say why', () => {
  const institutions = loadCuratedInstitutions();
  const ids = new Set(institutions.map((i) => i.id));
  const problems: string[] = [];
  for (const inst of institutions) {
    if (!inst.parent) continue;
    if (!ids.has(inst.parent)) problems.push(`${inst.id}: parent ${inst.parent} is not in the base`);
    if (REVIEWED_PARENTS.includes(inst.parent) && !inst.parentSource && inst.sector !== 'healthcare') problems.push(`${inst.id}: no parentSource`);
    if (inst.parentContested && !inst.parentNote) problems.push(`${inst.id}: contested without parentNote`);
  }
  assert.deepEqual(problems, []);
  const g = loadOrganisations();
  // the policy on the contested cases the tables turn on
  assert.equal(g.rollUp('cn-cas-ia', 'parent', 'separate'), 'cn-cas');
  assert.equal(g.rollUp('cn-ucas', 'parent', 'separate'), 'cn-ucas');
  assert.equal(g.rollUp('cn-ucas', 'parent', 'follow'), 'cn-cas');
  assert.equal(g.rollUp('cn-ustc', 'top', 'follow'), 'cn-cas');
  assert.equal(g.rollUp('gb-deepmind', 'parent', 'separate'), 'us-google');
  assert.equal(g.rollUp('cn-microsoft-research-asia', 'parent', 'separate'), 'us-microsoft');
  assert.equal(g.rollUp('cn-ant-group', 'top', 'follow'), 'cn-ant-group');
});

test('curated base: the roll-up is idempotent (a unit and its organisation count as the same organisation)', () => {
  const g = loadOrganisations();
  const problems: string[] = [];
  for (const inst of loadCuratedInstitutions()) {
    for (const level of ['parent', 'top'] as const) {
      for (const policy of ['separate', 'follow'] as const) {
        const org = g.rollUp(inst.id, level, policy);
        if (g.rollUp(org, level, policy) !== org) problems.push(`${inst.id} ${level}/${policy}: ${org} -> ${g.rollUp(org, level, policy)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.equal(g.rollUp('us-waymo', 'parent', 'separate'), 'us-waymo');
  assert.equal(g.rollUp('us-waymo', 'top', 'separate'), 'us-google');
});

test('paperMatchesInstitution: the papers filter at the institution level in force', async () => {
  const { paperMatchesInstitution } = await import('../../src/kb/organisations.js');
  const { organisationCorpus } = await import('../analyze/organisation-fixtures.js');
  const { DEFAULT_DEFINITIONS } = await import('../../src/types.js');
  const g = graph();
  const ids = (wanted: string, over: object = {}) =>
    organisationCorpus().filter((p) => paperMatchesInstitution(p, wanted, { ...DEFAULT_DEFINITIONS, ...over }, g)).map((p) => p.id);
  assert.deepEqual(ids('Academy'), ['Q1', 'Q4']);
  assert.deepEqual(ids('Academy', { contestedParents: 'follow' }), ['Q1', 'Q2', 'Q4']);
  assert.deepEqual(ids('Academy', { institutionLevel: 'unit' }), ['Q4']);
  assert.deepEqual(ids('holding', { institutionLevel: 'top' }), ['Q1', 'Q2', 'Q3', 'Q4']);
  assert.deepEqual(ids('  BigCo '), ['Q1', 'Q2', 'Q3', 'Q4']);
});
