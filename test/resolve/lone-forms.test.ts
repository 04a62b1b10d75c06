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
  // own base: companies of invented names of three letters, which the index never takes without their
  // form (name-keys.ts withoutLegalForm)
  const CO = mkdtempSync(join(tmpdir(), 'collabscope-lone-co-'));
  const company = { sector: 'company', aliases: [], acronyms: [], domains: [] };
  writeFileSync(
    join(CO, 'institutions.json'),
    JSON.stringify([
      { ...company, id: 'us-qul', name: 'Qul Corp', country: 'US', multinational: true, aliases: ['Qul Holdings Corp'] },
      { ...company, id: 'gb-vex', name: 'Vex Ltd', country: 'GB' },
      { ...company, id: 'us-zbx', name: 'ZBX', country: 'US', multinational: true, acronyms: ['ZBR'], aliases: ['Zorbex Microdevices'] },
      { ...company, id: 'de-kev', name: 'Kev GmbH', country: 'DE' },
      { ...company, id: 'at-kev', name: 'Kev AG', country: 'AT' },
      { ...edu, id: 'us-qrn', name: 'Qarn University', country: 'US', acronyms: ['QRN'] },
    ]),
  );
  const companies = createResolver({ curatedDir: CO, kbDirs: [], swot: false });
  const only = (text: string) => {
    const result = companies.resolve(text);
    assert.equal(result.length, 1, text);
    return result[0];
  };

  it('names the curated company written with another legal form, placed as the name is, at most at 0.7', () => {
    const a = only('Qul Inc');
    assert.equal(a.institutionId, 'us-qul');
    assert.equal(a.method, 'hq-default');
    assert.equal(a.country, 'US');
    assert.match(a.evidence.join(' | '), /'Qul' before the legal form 'Inc' is the curated company Qul Corp .* written with another legal form/);
    const placed = only('Qul, Inc., Lyon, France');
    assert.equal(placed.institutionId, 'us-qul');
    assert.equal(placed.country, 'FR');
    assert.equal(placed.confidence, 0.7);
    // in any segment of the text, not only the first
    assert.equal(companies.resolve('Zorbe Institute, Qul Inc').find((r) => r.institutionId === 'us-qul')?.country, 'US');
    assert.equal(companies.resolve('Zorbe; Zbx inc').find((r) => r.institutionId === 'us-zbx')?.country, 'US');
  });

  it('names the company whose own name is the acronym it spells in another case', () => {
    const a = only('Zbx inc');
    assert.equal(a.institutionId, 'us-zbx');
    assert.equal(a.country, 'US');
    assert.match(a.evidence.join(' | '), /acronym of the curated company ZBX .* in another case/);
    // an acronym the company holds besides its name (a lab's, a product's) is not enough
    assert.equal(only('Zbr inc').institutionId, null);
  });

  it('names nothing when the form is not one of the company country\'s, two companies fit, the acronym is no company, or there is no form', () => {
    // "Inc" is no British form: "Vex Inc" is not the British "Vex Ltd"
    assert.equal(only('Vex Inc').institutionId, null);
    assert.equal(only('Vex Limited').institutionId, 'gb-vex');
    // two companies the words and the form fit (SE, the European company, is German and Austrian alike)
    assert.equal(only('Kev SE').institutionId, null);
    assert.equal(only('Qrn Inc').institutionId, null);
    assert.equal(only('Qul').institutionId, null);
    assert.equal(only('Zbx').institutionId, null);
    assert.equal(only('Qul e.V.').institutionId, null);
  });

  it('a multinational written with its own legal form that one country alone provides counts in that country', () => {
    const a = only('Zorbex Microdevices K.K.');
    assert.equal(a.institutionId, 'us-zbx');
    assert.equal(a.country, 'JP');
    assert.equal(a.hqCountry, 'US');
    assert.equal(a.confidence, 0.7);
    assert.match(a.evidence.join(' | '), /legal form 'K\.K\.' is provided only by JP's law: the company's entity in JP; headquarters US/);
    assert.equal(only('Zorbex Microdevices Japan Branch K.K.').country, 'JP');
    // another body's form in the same text is not the multinational's
    for (const text of ['Zorbex Microdevices; Zelkor K.K.', 'Zorbex Microdevices, Zelkor K.K.', 'Zorbex Microdevices and Zelkor K.K.']) {
      assert.equal(companies.resolve(text).find((r) => r.institutionId === 'us-zbx')?.country, 'US', text);
    }
    // a form several countries provide says nothing of where: the headquarters, as before
    assert.equal(only('Zorbex Microdevices GmbH').country, 'US');
    assert.equal(only('Zorbex Microdevices GmbH').method, 'hq-default');
  });
});
