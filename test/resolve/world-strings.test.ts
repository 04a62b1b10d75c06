// Mechanisms for real-world strings (issue 14): names inside longer names, elided articles, short forms,
// glued words, respelt words, conventions of other languages and company forms, historical country
// names, legal forms, address-only texts, a trailing address country. Own invented knowledge base.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-world-'));

const KB = mkdtempSync(join(tmpdir(), 'collabscope-world-kb-'));
const inst = (id: string, name: string, country: string, sector: string, extra: Record<string, unknown> = {}) => ({ id, name, country, sector, aliases: [], acronyms: [], domains: [], ...extra });
writeFileSync(
  join(KB, 'institutions.json'),
  JSON.stringify([
    inst('us-varnholt', 'Varnholt University', 'US', 'education', { domains: ['varnholt.edu'], city: 'Boston' }),
    inst('gb-brisk', 'University of Brisk', 'GB', 'education'),
    inst('us-kestrel', 'Kestrel University', 'US', 'education'),
    inst('au-kestrel', 'University of Kestrel', 'AU', 'education'),
    inst('us-zelkor', 'Zelkor', 'US', 'company', { multinational: true }),
    inst('us-dall', 'Dall Systems', 'US', 'company', { aliases: ['Dall'] }),
    inst('ae-tfi', 'Technology Frontier Institute', 'AE', 'government'),
    inst('us-nzi', 'National Zorbe Institute', 'US', 'government'),
    inst('us-plank', 'Plank Holdings', 'US', 'company'),
    inst('de-mpz', 'Max Planck Institute for Zorbology', 'DE', 'government'),
  ]),
);

const { createResolver } = await import('../../src/resolve/index.js');
const { unglue } = await import('../../src/resolve/normalize.js');
const resolver = createResolver({ curatedDir: KB, kbDirs: [], swot: false });
const countries = (text: string) => [...new Set(resolver.resolve(text).map((a) => a.country))].sort();
const ids = (text: string) => resolver.resolve(text).map((a) => a.institutionId);

describe('a name inside a longer name', () => {
  it('an elided article is no word of a name ("dall\'" is not Dall)', () => {
    assert.deepEqual(ids("Istituto dall'Università di Zorbe, Varnholt University"), ['us-varnholt']);
    assert.deepEqual(ids('Dall Systems'), ['us-dall']);
  });

  it('a short name running into a unit head word is that unit\'s word when another institution is named', () => {
    assert.deepEqual(ids('Zelkor Robotics Institute, Varnholt University'), ['us-varnholt']);
    assert.deepEqual(ids('Zelkor Center for Zorbe Studies, Varnholt University'), ['us-varnholt']);
    // alone, the company is still named
    assert.deepEqual(ids('Zelkor Robotics Institute'), ['us-zelkor']);
    // a unit head word after a comma belongs to another segment
    assert.deepEqual(ids('Zelkor, Robotics Institute, Varnholt University').sort(), ['us-varnholt', 'us-zelkor']);
  });

  it('a name starting with a modifier, after a field word, is the tail of a longer name', () => {
    assert.deepEqual(countries('Wireless Technology Frontier Institute, Zorbe University, Beijing'), ['CN']);
    assert.deepEqual(ids('Technology Frontier Institute'), ['ae-tfi']);
  });
});

describe('short forms and spellings', () => {
  it('one distinctive word names the one curated university so named', () => {
    assert.deepEqual(ids('Varnholt'), ['us-varnholt']);
    assert.deepEqual(ids('U Brisk'), ['gb-brisk']);
    // "Varnholt U." closes a name with "University"
    assert.deepEqual(ids('Varnholt U.'), ['us-varnholt']);
    assert.equal(resolver.resolve('Varnholt')[0].confidence, 0.7);
    // two curated universities share the word: neither
    assert.deepEqual(ids('Kestrel'), [null]);
  });

  it('glued head words are split', () => {
    assert.equal(unglue('Zorbe UniversityJapan'), 'Zorbe University Japan');
    assert.equal(unglue('Zorbeuniversity'), 'Zorbe university');
    assert.equal(unglue('Interuniversity Centre'), 'Interuniversity Centre');
    assert.deepEqual(countries('Zorbe UniversityJapan'), ['JP']);
  });

  it('one indexed word respelt to spell a whole curated name', () => {
    const [a] = resolver.resolve('Max Plank Institute for Zorbology');
    assert.equal(a.institutionId, 'de-mpz');
    assert.equal(a.method, 'fuzzy');
    assert.deepEqual(ids('Plank Holdings'), ['us-plank']);
  });
});

describe('countries without a known name', () => {
  it('institution words of other languages and company forms follow their conventions', () => {
    assert.deepEqual(countries('Uniwersytet Zorbski'), ['PL']);
    assert.deepEqual(countries('Zorben yliopisto'), ['FI']);
    assert.deepEqual(countries('Universitas Zorbe Raya'), ['ID']);
    assert.deepEqual(countries('Laboratoire des zorbes appliquées'), ['FR']);
    assert.deepEqual(countries('Institut de zorbologie'), ['FR']);
    // Spanish and Portuguese laboratories share the words 'laboratorio de': no convention
    assert.deepEqual(countries('Laboratorio de Zorbología'), [null]);
    // legal forms: one table (data/resolve/legal-forms.json); a form of one jurisdiction places, a shared one does not
    assert.deepEqual(countries('Zorbe Analytics Pte. Ltd.'), ['SG']);
    assert.deepEqual(countries('Zorbe Robotik GmbH'), [null]);
    assert.deepEqual(countries('Zorbe Robotik Kft.'), ['HU']);
    assert.equal(resolver.resolve('Uniwersytet Zorbski')[0].confidence, 0.5);
  });

  it('a place in the text beats the convention', () => {
    assert.deepEqual(countries('Zorbe Robotik GmbH, Vienna, Austria'), ['AT']);
    assert.deepEqual(countries('Zorbe Robotik Kft., Vienna, Austria'), ['AT']);
  });

  it('British postcodes, the NHS, Japan\'s own name, a school placed by its city', () => {
    assert.deepEqual(countries('Department of Zorbe, Zorbe Road, Oxford OX1 3RH'), ['GB']);
    assert.deepEqual(countries('Zorbe NHS Foundation Trust'), ['GB']);
    assert.deepEqual(countries('Nippon Zorbe University'), ['JP']);
    assert.deepEqual(countries('Zorbe Veterinary School, Bristol'), ['GB']);
    assert.deepEqual(countries('Universitatea Zorbe din Moldova'), ['MD']);
  });

  it('historical country names', () => {
    assert.deepEqual(countries('Institute of Zorbe Studies, Moscow, USSR'), ['RU']);
    assert.deepEqual(countries('Zorbe Institut, Halle, DDR'), ['DE']);
    assert.deepEqual(countries('Zorbe Institute, Rangoon, Burma'), ['MM']);
  });
});

describe('legal forms, addresses, trailing countries', () => {
  it('a legal form stays with its name and alone is no institution', () => {
    assert.equal(resolver.resolve('Zorbe Labs, Inc.')[0].institution, 'Zorbe Labs, Inc');
    assert.equal(resolver.resolve('Zorbe Technology Co., Ltd.')[0].institution, 'Zorbe Technology Co., Ltd');
    const [inc] = resolver.resolve('Inc.');
    assert.equal(inc.institution, null);
    assert.equal(inc.country, null);
  });

  it('an e-mail address or a domain as the text is read as the domain', () => {
    assert.deepEqual(ids('someone@cs.varnholt.edu'), ['us-varnholt']);
    assert.equal(resolver.resolve('someone@cs.varnholt.edu')[0].method, 'domain');
  });

  it('an address that ends with a country places the institution there', () => {
    assert.deepEqual(countries('National Zorbe Institute Milan Italy'), ['IT']);
    assert.deepEqual(countries('National Zorbe Institute'), ['US']);
  });
});

describe('states and provinces of other countries', () => {
  it('an abbreviation two countries share takes the country of the other place', () => {
    assert.deepEqual(countries('Royal Zorbe Hospital, Perth, WA'), ['AU']);
    assert.deepEqual(countries('Zorbe Lab, Seattle, WA'), ['US']);
    assert.deepEqual(countries('Zorbe Institute, Richmond VIC 3121'), ['AU']);
    assert.deepEqual(countries('Zorbe College, Victoria, BC'), ['CA']);
    // a foreign state's abbreviation needs another place of its country or a postcode
    assert.deepEqual(countries('Beijing Zorbe Measurement Institute, A VIC'), ['CN']);
  });

  it('full names of states place an institution', () => {
    assert.deepEqual(countries('Zorbe Institute, Chennai, Tamil Nadu'), ['IN']);
    assert.deepEqual(countries('Instituto Zorbe do Paraná'), ['BR']);
  });
});

describe('consistency of imported entries', async () => {
  const { contradictionOf } = await import('../../src/resolve/consistency.js');
  type InstRecord = import('../../src/resolve/records.js').InstRecord;
  const entry = (name: string, country: string, domains: string[] = []): InstRecord => ({
    key: name, id: null, name, country, sector: 'education', source: 'user', origin: 'test.json', aliases: [], acronyms: [], domains, parentId: null, city: null, places: [], multinational: false,
  });

  it('reports a name naming another country outright and a country-code domain of another country', () => {
    assert.equal(contradictionOf(entry('Zorbe University, Zorbepur, India', 'US'))?.other, 'IN');
    assert.equal(contradictionOf(entry('Zorbe University', 'US', ['zorbe.ac.in']))?.by, 'domain');
  });

  it('a country inside a longer place name, or a .edu domain, is no contradiction', () => {
    assert.equal(contradictionOf(entry('New Mexico Zorbe University', 'US')), null);
    assert.equal(contradictionOf(entry('Zorbe University', 'IN', ['zorbe.edu'])), null);
    assert.equal(contradictionOf(entry('Zorbe University, Hong Kong, China', 'HK')), null);
  });
});
