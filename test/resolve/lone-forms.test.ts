// Loosely written short texts (src/resolve/lone-forms.ts): a curated acronym written in lower case as the
// whole text, and "Uni X" / "Uni. of X" / "University X". Own small knowledge base of invented institutions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-lone-'));

const KB = mkdtempSync(join(tmpdir(), 'collabscope-lone-kb-'));
const edu = { sector: 'education', aliases: [], acronyms: [], domains: [] };
writeFileSync(
  join(KB, 'institutions.json'),
  JSON.stringify([
    { ...edu, id: 'fi-zut', name: 'Zorbe University of Technology', country: 'FI', acronyms: ['ZUT'], city: 'Espoo' },
    { ...edu, id: 'se-qit', name: 'Quellby Institute of Technology', country: 'SE', acronyms: ['QIT'], city: 'Lund' },
    { ...edu, id: 'no-qit', name: 'Qarsten Institute of Technology', country: 'NO', acronyms: ['QIT'], city: 'Bergen' },
    { ...edu, id: 'de-marlow', name: 'University of Marlowstadt', country: 'DE', city: 'Kassel' },
    { ...edu, id: 'nl-brisk', name: 'Brisk University', country: 'NL', city: 'Delft' },
    { ...edu, id: 'us-brisk', name: 'University of Brisk', country: 'US', city: 'Denver' },
  ]),
);

const { createResolver } = await import('../../src/resolve/index.js');
const resolver = createResolver({ curatedDir: KB, kbDirs: [], swot: false });
const one = (text: string) => {
  const result = resolver.resolve(text);
  assert.equal(result.length, 1);
  return result[0];
};

describe('a curated acronym written in lower case', () => {
  it('as the whole text names its institution, as a short form (0.7)', () => {
    const a = one('zut');
    assert.equal(a.institutionId, 'fi-zut');
    assert.equal(a.country, 'FI');
    assert.equal(a.method, 'acronym');
    assert.equal(a.confidence, 0.7);
  });

  it('an acronym two institutions share names neither; inside a longer text it is not read', () => {
    assert.equal(one('qit').institutionId, null);
    assert.notEqual(one('zut lab').institutionId, 'fi-zut');
  });
});

describe('"Uni X", "Uni. of X", "University X"', () => {
  it('name the one curated university so named', () => {
    for (const text of ['Uni Marlowstadt', 'Uni. of Marlowstadt', 'University Marlowstadt']) {
      const a = one(text);
      assert.equal(a.institutionId, 'de-marlow', text);
      assert.equal(a.country, 'DE', text);
      assert.equal(a.confidence, 0.7, text);
    }
  });

  it('two universities so named ("Brisk University", "University of Brisk"): neither', () => {
    assert.equal(one('Uni Brisk').institutionId, null);
  });
});

describe('a company name with a legal form', () => {
  // own base: companies of invented names, one a multinational written with a legal form; names of three
  // letters, which the index never takes without their form (name-keys.ts withoutLegalForm)
  const CO = mkdtempSync(join(tmpdir(), 'collabscope-lone-co-'));
  const company = { sector: 'company', aliases: [], acronyms: [], domains: [] };
  writeFileSync(
    join(CO, 'institutions.json'),
    JSON.stringify([
      { ...company, id: 'gb-qul', name: 'Qul Ltd', country: 'GB', multinational: true, aliases: ['Qul Holdings plc'] },
      { ...company, id: 'us-zbx', name: 'Zorbex Microdevices', country: 'US', multinational: true, acronyms: ['ZBX'] },
      { ...company, id: 'de-kev', name: 'Kev GmbH', country: 'DE' },
      { ...company, id: 'fr-kev', name: 'Kev SAS', country: 'FR' },
      { ...edu, id: 'fi-qrn', name: 'Qarn University', country: 'FI', acronyms: ['QRN'] },
    ]),
  );
  const companies = createResolver({ curatedDir: CO, kbDirs: [], swot: false });
  const only = (text: string) => {
    const result = companies.resolve(text);
    assert.equal(result.length, 1, text);
    return result[0];
  };

  it('names the curated company written with another legal form, placed as the name is', () => {
    const a = only('Qul Inc');
    assert.equal(a.institutionId, 'gb-qul');
    assert.equal(a.method, 'hq-default');
    assert.equal(a.country, 'GB');
    assert.match(a.evidence.join(' | '), /'Qul' before the legal form 'Inc' is the curated company Qul Ltd .* written with another legal form/);
    // an address places it as it places any multinational's name
    const placed = only('Qul, Inc., Austin, TX');
    assert.equal(placed.institutionId, 'gb-qul');
    assert.equal(placed.country, 'US');
  });

  it('names the company whose acronym it spells in another case', () => {
    const a = only('Zbx inc');
    assert.equal(a.institutionId, 'us-zbx');
    assert.equal(a.country, 'US');
    assert.match(a.evidence.join(' | '), /acronym of the curated company Zorbex Microdevices .* in another case/);
  });

  it('names nothing when two companies share the name, the acronym is no company, or there is no legal form', () => {
    assert.equal(only('Kev Inc').institutionId, null);
    assert.equal(only('Qrn Inc').institutionId, null);
    assert.equal(only('Qul').institutionId, null);
    assert.equal(only('Zbx').institutionId, null);
    // a non-profit's form is no company's
    assert.equal(only('Qul e.V.').institutionId, null);
  });

  it('a multinational written with a legal form one country alone provides counts in that country', () => {
    const a = only('Qul K.K.');
    assert.equal(a.institutionId, 'gb-qul');
    assert.equal(a.country, 'JP');
    assert.equal(a.hqCountry, 'GB');
    assert.equal(a.confidence, 0.7);
    assert.match(a.evidence.join(' | '), /legal form 'K\.K\.' is provided only by JP's law: the company's entity in JP; headquarters GB/);
    // the same for a name the index knows as written
    assert.equal(only('Zorbex Microdevices K.K.').country, 'JP');
    // a form several countries provide says nothing of where: the headquarters, as before
    assert.equal(only('Zorbex Microdevices GmbH').country, 'US');
    assert.equal(only('Zorbex Microdevices GmbH').method, 'hq-default');
  });
});
