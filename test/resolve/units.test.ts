// Units named beside their parent (src/resolve/units.ts): the unit, not the parent and not both; unit
// names read only beside their own parent, as a segment of their own; a multinational placed abroad is
// its national subsidiary there. Own small knowledge base of invented institutions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-units-'));

const KB = mkdtempSync(join(tmpdir(), 'collabscope-units-kb-'));
const edu = { sector: 'education', aliases: [], acronyms: [], domains: [] };
const company = { sector: 'company', aliases: [], acronyms: [], domains: [] };
writeFileSync(
  join(KB, 'institutions.json'),
  JSON.stringify([
    { ...edu, id: 'fi-kas', name: 'Korvala Academy of Sciences', country: 'FI', sector: 'government', acronyms: ['KAS'], city: 'Helsinki' },
    { ...edu, id: 'fi-kas-ia', name: 'Institute of Automation, Korvala Academy of Sciences', country: 'FI', sector: 'government', parent: 'fi-kas', city: 'Helsinki' },
    { ...edu, id: 'nl-zorbe', name: 'Zorbe University', country: 'NL', city: 'Utrecht' },
    { ...edu, id: 'nl-zorbe-hgs', name: 'Zorbe University Harbour Graduate School', country: 'NL', parent: 'nl-zorbe', city: 'Utrecht' },
    { ...edu, id: 'nl-zorbe-cms', name: 'Center for Mathematical Sciences', country: 'NL', parent: 'nl-zorbe', city: 'Utrecht' },
    { ...edu, id: 'us-qsys', name: 'Quellford State University System', country: 'US', acronyms: ['QSUS'], city: 'Denver' },
    { ...edu, id: 'us-marlow', name: 'University at Marlow Hills', country: 'US', parent: 'us-qsys', parentContested: true, city: 'Denver' },
    { ...company, id: 'kr-vexlor', name: 'Vexlor', country: 'KR', aliases: ['Vexlor AI Lab'], multinational: true, city: 'Seoul' },
    { ...company, id: 'kr-vexlor-dream', name: 'Vexlor Dream Lab', country: 'KR', aliases: ['Dream Lab'], parent: 'kr-vexlor' },
    { ...company, id: 'us-vexlor-america', name: 'Vexlor America', country: 'US', parent: 'kr-vexlor', city: 'Austin' },
    { ...company, id: 'us-vexlor-air', name: 'Vexlor AI Research', country: 'US', parent: 'kr-vexlor', city: 'Austin' },
  ]),
);

const { createResolver } = await import('../../src/resolve/index.js');
const { remainderOf } = await import('../../src/resolve/units.js');
const { cleanText, nameKey, tokenize } = await import('../../src/resolve/normalize.js');

const resolver = createResolver({ curatedDir: KB, kbDirs: [], swot: false });
const ids = (text: string) => resolver.resolve(text).map((a) => a.institutionId);

describe('a unit named beside its parent', () => {
  it('"Unit, PARENT-ACRONYM" is the unit, once, not the parent', () => {
    const result = resolver.resolve('Institute of Automation, KAS');
    assert.deepEqual(result.map((a) => a.institutionId), ['fi-kas-ia']);
    assert.equal(result[0].country, 'FI');
    assert.ok(result[0].evidence.some((e) => e.includes("unit 'institute of automation' named before its parent Korvala Academy of Sciences")));
  });

  it('"Unit of the Parent" and "Unit, Parent, City" are the unit too', () => {
    assert.deepEqual(ids('Institute of Automation of the Korvala Academy of Sciences'), ['fi-kas-ia']);
    assert.deepEqual(ids('Key Lab of Things, Institute of Automation, KAS, Helsinki'), ['fi-kas-ia']);
  });

  it('a unit name is read only beside its own parent: alone, or beside another institution, it names nothing', () => {
    assert.notEqual(resolver.resolve('Institute of Automation')[0].institutionId, 'fi-kas-ia');
    assert.deepEqual(ids('Institute of Automation, Zorbe University'), ['nl-zorbe']);
  });

  it('the unit name is a segment of its own: a longer unknown name ending with it is not the unit', () => {
    assert.deepEqual(ids('Marsh Institute of Automation, KAS'), ['fi-kas']);
  });

  it('nothing is read across a ";" (two institutions)', () => {
    assert.deepEqual(ids('Institute of Automation; KAS'), ['fi-kas']);
  });

  it('a unit whose name contains the parent’s, written before or after the parent', () => {
    assert.deepEqual(ids('Harbour Graduate School, Zorbe University'), ['nl-zorbe-hgs']);
    assert.deepEqual(ids('Zorbe University, Harbour Graduate School'), ['nl-zorbe-hgs']);
  });

  it('a unit with a name of generic words beside its parent is the unit, not the parent', () => {
    assert.deepEqual(ids('Center for Mathematical Sciences, Zorbe University'), ['nl-zorbe-cms']);
  });

  it('a campus named beside its (contested) system is the campus, once', () => {
    assert.deepEqual(ids('University at Marlow Hills, QSUS'), ['us-marlow']);
  });

  it('a lab named beside its company takes the place written after the company', () => {
    const [a, ...rest] = resolver.resolve('Dream Lab, Vexlor, London, UK');
    assert.equal(rest.length, 0);
    assert.equal(a.institutionId, 'kr-vexlor-dream');
    assert.equal(a.country, 'GB');
    assert.equal(a.hqCountry, 'KR');
  });

  it('generic words left when the company’s name is taken off a unit’s name ("Vexlor AI Research") name no unit', () => {
    assert.deepEqual(ids('AI Research, Vexlor, Berlin'), ['kr-vexlor']);
  });
});

describe('a unit and its parent in two texts of one author', () => {
  const author = (affiliations: string[]) => resolver.resolveAuthor({ name: 'A. Author', affiliations });

  it('the unit’s text names the unit, and so does the parent’s: one institution, not the unit and its parent', () => {
    const result = author(['Institute of Automation', 'Korvala Academy of Sciences']);
    assert.deepEqual(result.map((a) => a.institutionId), ['fi-kas-ia', 'fi-kas-ia']);
    assert.deepEqual(result.map((a) => a.method), ['author-context', 'author-context']);
    assert.ok(result[1].evidence.some((e) => e.includes("other affiliation 'Institute of Automation' names its unit")));
  });

  it('beside an institution that has no such unit, a department text takes that institution as before', () => {
    assert.deepEqual(author(['Institute of Automation', 'Zorbe University']).map((a) => a.institutionId), ['nl-zorbe', 'nl-zorbe']);
  });
});

describe('a multinational placed abroad', () => {
  it('is its national subsidiary there when the knowledge base lists one ("<Company> <Country>")', () => {
    const [a] = resolver.resolve('Vexlor AI Lab, Seattle, WA');
    assert.equal(a.institutionId, 'us-vexlor-america');
    assert.equal(a.country, 'US');
    assert.equal(a.hqCountry, 'KR');
  });

  it('stays the company where it has no national subsidiary', () => {
    const [a] = resolver.resolve('Vexlor AI Lab, Berlin, Germany');
    assert.equal(a.institutionId, 'kr-vexlor');
    assert.equal(a.country, 'DE');
  });
});

describe('remainderOf', () => {
  const tokens = (s: string) => tokenize(cleanText(s));
  it('takes the parent off the end (with the joining "of") or the start, and says whether they were set apart', () => {
    assert.deepEqual(remainderOf(tokens('Institute of Automation, Korvala Academy of Sciences'), nameKey('Korvala Academy of Sciences')), [{ key: nameKey('Institute of Automation'), separated: true }]);
    assert.deepEqual(remainderOf(tokens('Institute of Automation of the Korvala Academy of Sciences'), nameKey('Korvala Academy of Sciences')), [{ key: nameKey('Institute of Automation'), separated: true }]);
    assert.deepEqual(remainderOf(tokens('Vexlor AI Research'), 'vexlor'), [{ key: 'ai research', separated: false }]);
    assert.deepEqual(remainderOf(tokens('Vexlor'), 'vexlor'), []);
  });
});
