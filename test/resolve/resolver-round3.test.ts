// Mechanisms of the third resolver round (issue 14): four-letter words respelt, one-word typos of
// short forms, head words read through typos, short city names ("X an der Y", "X-si"), country names
// in other languages, a city's other spelling, French-, Italian- and Māori-only spellings, admin-1 names
// of more countries.
// Invented names on an invented knowledge base; towns, regions and countries are the real gazetteer's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-round3-'));

const KB = mkdtempSync(join(tmpdir(), 'collabscope-round3-kb-'));
const inst = (id: string, name: string, country: string, sector: string) => ({ id, name, country, sector, aliases: [], acronyms: [], domains: [] });
writeFileSync(
  join(KB, 'institutions.json'),
  JSON.stringify([inst('us-vorns', 'Vorns Kelvar University', 'US', 'education'), inst('gb-quorbington', 'Quorbington University', 'GB', 'education'), inst('us-kelvar-obs', 'Kelvar Observatory', 'US', 'facility'), inst('il-zorbenau', 'Zorbenau Institute of Science', 'IL', 'education'), inst('us-dravik', 'Dravik Research Institute', 'US', 'nonprofit'), inst('de-dravik', 'Dravik Institute', 'DE', 'nonprofit')]),
);

const { createResolver } = await import('../../src/resolve/index.js');
const { shortCityName } = await import('../../src/resolve/place-names.js');
const resolver = createResolver({ curatedDir: KB, kbDirs: [], swot: false });
const one = (text: string) => {
  const [a, ...rest] = resolver.resolve(text);
  assert.equal(rest.length, 0, text);
  return a;
};

describe('typos', () => {
  it('respells a four-letter word when the whole curated name is then spelt', () => {
    const a = one('Vorn Kelvar University');
    assert.equal(a.institutionId, 'us-vorns');
    assert.equal(a.method, 'fuzzy');
  });
  it('reads a one-word typo of a short form as that university', () => {
    const a = one('Quorbingten');
    assert.equal(a.institutionId, 'gb-quorbington');
    assert.equal(a.method, 'fuzzy');
    assert.equal(a.confidence, 0.7);
    assert.match(a.evidence[0], /'Quorbingten' read as 'quorbington'/);
    assert.equal(one('Quorbxxgten').country, null); // two edits: nothing
  });
  it('reads one distinctive word as the one curated "<Word> Institute (of Science...)" so named', () => {
    const a = one('Zorbenau');
    assert.equal(a.institutionId, 'il-zorbenau');
    assert.equal(a.confidence, 0.7);
    assert.equal(one('Dravik').country, null); // two institutes so named: neither
  });
  it('reads head words through a corrected typo (the curated base spells "Observatory")', () => {
    const a = one('Zorbian Observatoty of Athens');
    assert.equal(a.country, 'GR');
    assert.equal(a.method, 'pattern');
    assert.equal(one('Zorbian Obsxrvatoty of Athens').country, null);
  });
});

describe('places', () => {
  it('knows cities by the short name of an official "X an der Y" or "X-si" name', () => {
    assert.equal(shortCityName('Marburg an der Lahn'), 'Marburg');
    assert.equal(shortCityName('Landau in der Pfalz'), 'Landau');
    assert.equal(shortCityName('Seongnam-si'), 'Seongnam');
    assert.equal(shortCityName('Nara-shi'), 'Nara');
    assert.equal(shortCityName('Berlin'), null);
    assert.equal(shortCityName('Halle (Saale)'), null);
    assert.equal(one('Zorbe-Universität Marburg').country, 'DE');
    assert.equal(one('Zorbe Medical Centre, Seongnam').country, 'KR');
  });
  it('reads a city under the other of its two spellings (Nürnberg listed, Nuremberg written)', () => {
    assert.equal(one('Zorbe Institute of Technology Nuremberg').country, 'DE');
    assert.equal(one('Zorbe Institute of Technology Nürnberg').country, 'DE');
  });
  it('reads country names in other languages, except everyday words and given names', () => {
    assert.equal(one('Universidad de Zorbe, Luxemburgo').country, 'LU');
    assert.equal(one('Zorbe-Institut, Österreich').country, 'AT');
    assert.equal(one('Zorbe Island Institute').country, null); // German "Island" is Iceland, but not here
    assert.equal(one('Maurice Zorbe Institute').country, null);
    assert.equal(one('Universidad de Granada Zorbe').country, 'ES'); // the city, not Grenada
  });
  it('reads prefectures, provinces and states of more countries by full name', () => {
    assert.equal(one('Shiga Zorbe University').country, 'JP');
    assert.equal(one('Escuela Superior de Zorbe de Chimborazo').country, 'EC');
    assert.equal(one('Gyeonggi Zorbe Institute').country, 'KR');
    assert.equal(one('Instituto Zorbe de Jalisco').country, 'MX');
    assert.equal(one('Hidalgo Zorbe Institute').country, null); // a surname, left out
  });
});

describe('spellings only one language has', () => {
  it('French: -ité(s), -ée(s), -ément, -ème, -ère; not Université alone, not unaccented English words', () => {
    assert.equal(one('Zorbe Identités').country, 'FR');
    assert.equal(one('Institut Zorbe Clément').country, 'FR');
    assert.equal(one('Université Zorbe').country, null);
    assert.equal(one('Zorbe Satellite Lab').country, null);
    assert.equal(one('Zorbe Identités, Montréal').country, 'CA');
    assert.equal(one("Zorbe de l'Eau, Kelvar").country, 'FR');
    assert.equal(one("Università dell'Insubria Zorbe").country, 'IT');
    assert.equal(one("Institut de Ciències de l'Espai Zorbe").country, 'ES');
  });
  it('Māori: "Te X o Te Y", Te Whare, Te Reo, Wānanga', () => {
    assert.equal(one('Te Zorbe o Te Kelvar').country, 'NZ');
    assert.equal(one('Te Whare Zorbe').country, 'NZ');
    assert.equal(one('Zorbe Te Kelvar').country, null);
  });
  it('Italian: a word ending in an accented vowel; Catalan names stay Catalan', () => {
    assert.equal(one('Zorbà Hospital').country, 'IT');
    assert.equal(one('Institut Català de Zorbe').country, 'ES');
  });
});
