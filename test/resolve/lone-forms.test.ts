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
