// Mechanisms of the third resolver round (issue 14) and their limits after the review: one-word typos
// of short forms (never a place, at least six letters, first letter kept, one candidate only), one
// word respelt inside a name only when one respelling fits, head words read through typos, short city
// names ("X an der Y", "X-si"), country names in other languages and more countries' admin-1 names
// (both only in an address), a city's other spelling, French-, Italian- and Māori-only spellings.
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
  JSON.stringify([
    inst('us-vorns', 'Vorns Kelvar University', 'US', 'education'),
    inst('gb-quorbington', 'Quorbington University', 'GB', 'education'),
    inst('us-kelvar-obs', 'Kelvar Observatory', 'US', 'facility'),
    inst('il-zorbenau', 'Zorbenau Institute of Science', 'IL', 'education'),
    // one edit from real towns: a big one (Kelowna) and one of under 3,000 people (Leskovik)
    inst('gb-kelowne', 'Kelowne University', 'GB', 'education'),
    inst('gb-leskovix', 'Leskovix University', 'GB', 'education'),
    // "Zorban" is one edit from both
    inst('us-zorbane', 'University of Zorbane', 'US', 'education'),
    inst('de-zorbanz', 'University of Zorbanz', 'DE', 'education'),
    inst('fr-pelvar', 'Pelvar University', 'FR', 'education'),
  ]),
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
  it('reads a one-word typo of a short form as that university', () => {
    const a = one('Quorbingten');
    assert.equal(a.institutionId, 'gb-quorbington');
    assert.equal(a.method, 'fuzzy');
    assert.equal(a.confidence, 0.7);
    assert.match(a.evidence[0], /'Quorbingten' read as 'quorbington'/);
    assert.equal(one('Quorbxxgten').country, null); // two edits: nothing
  });
  it('never respells a place name, however small the town, a changed first letter or a short word', () => {
    const big = one('Kelowna');
    assert.equal(big.institutionId, null);
    assert.equal(big.country, 'CA'); // the city, not Kelowne University
    assert.equal(one('Leskovik').institutionId, null); // a town of the full list, under the gazetteer's size
    assert.equal(one('Guorbington').institutionId, null); // the first letter changed
    assert.equal(one('Pelvor').institutionId, 'fr-pelvar'); // six letters: respelt
    assert.equal(one('Pelvr').institutionId, null); // five: not
  });
  it('respells one word inside a name only when exactly one respelling spells a curated name', () => {
    const a = one('University of Zorban, Kelvar, ME');
    assert.equal(a.institutionId, null); // Zorbane (US) or Zorbanz (DE): neither
    assert.equal(a.country, 'US'); // from the state in the address
    assert.equal(one('University of Zorbanr').institutionId, null); // two edits from both
    assert.equal(one('Vorns Kelvr University').institutionId, 'us-vorns');
  });
  it('never respells a four-letter word', () => {
    assert.equal(one('Vorn Kelvar University').institutionId, null);
  });
  it('does not read one distinctive word as the institute so named (only a university short form or an alias does)', () => {
    assert.equal(one('Zorbenau').institutionId, null);
  });
  it('reads head words through a corrected typo (the curated base spells "Observatory")', () => {
    const a = one('Zorbian Obsrvatory of Athens');
    assert.equal(a.country, 'GR');
    assert.equal(a.method, 'pattern');
    assert.equal(one('Zorbian Obsxrvatxry of Athens').country, null);
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
  it('reads country names in other languages in an address only, never everyday words and names', () => {
    assert.equal(one('Universidad de Zorbe, Lussemburgo').country, 'LU');
    assert.equal(one('Zorbe-Instituut, Oostenrijk').country, 'AT');
    assert.equal(one('Oostenrijk Zorbe Lab').country, null); // inside a name: not a place
    assert.equal(one('Zorbe Lab, Kanada').country, null); // a surname, left out even in an address
    assert.equal(one('Zorbe Island Institute').country, null); // German "Island" is Iceland, but not here
    const city = one('Zorbe Works, Granada');
    assert.equal(city.country, 'ES');
    assert.match(city.evidence.at(-1) as string, /city/); // Spain's city, not Spanish for Grenada
  });
  it('reads prefectures, provinces and states of more countries by full name, in an address only', () => {
    assert.equal(one('Zorbe University, Shiga').country, 'JP');
    assert.equal(one('Escuela Superior de Zorbe, Chimborazo').country, 'EC');
    assert.equal(one('Zorbe Institute, Gyeonggi-do').country, 'KR');
    assert.equal(one('Instituto Zorbe, Jalisco').country, 'MX');
    assert.equal(one('Shiga Zorbe Lab').country, null);
    assert.equal(one('Escuela Superior de Zorbe de Chimborazo').country, null);
    assert.equal(one('Hidalgo Zorbe Institute, Kelvar').country, null); // a surname, left out
  });
  it('reads a prefecture that is also a city as the city inside a name, as the prefecture in an address', () => {
    assert.match(one('Toyama Zorbe Lab').evidence.at(-1) as string, /'Toyama' is a city in JP/);
    assert.match(one('Zorbe Lab, Toyama').evidence.at(-1) as string, /'Toyama' is a state \(JP\)/);
  });
});

describe('spellings only one language has', () => {
  it('French: two words spelt -ité(s), -ée(s), -ème or "de l\'" before a word; not one, not given names', () => {
    assert.equal(one('Zorbe Qualités et Sécurité').country, 'FR');
    assert.equal(one("Zorbe de l'Onde et Sécurité").country, 'FR');
    assert.equal(one('Zorbe Qualités').country, null); // one word: Swiss, Belgian, Canadian names have them too
    assert.equal(one('Haute École Zorbe Spécialisée').country, null);
    assert.equal(one('Zorbère Lab').country, null); // -ère, -ément: given names
    assert.equal(one('Zorbément Technologies').country, null);
    assert.equal(one('Université Zorbe').country, null);
    assert.equal(one('Zorbe Satellite Lab').country, null);
    assert.equal(one("Università dell'Zorbe Kelvar").country, 'IT');
    assert.equal(one("Institut de Ciències de l'Zorbe").country, 'ES');
  });
  it('Māori institution words (Wānanga, Te Whare, Aotearoa)', () => {
    assert.equal(one('Te Whare Zorbe').country, 'NZ');
    assert.equal(one('Zorbe Wānanga').country, 'NZ');
    assert.equal(one('Te Zorbe o Te Kelvar').country, null);
    assert.equal(one('Zorbe Te Kelvar').country, null);
  });
  it('Italian: a word ending in a grave-accented vowel; not Vietnamese names; Catalan names stay Catalan', () => {
    assert.equal(one('Zorbà Hospital').country, 'IT');
    assert.equal(one('Zorbà Lạc Hospital').country, null);
    assert.equal(one('Institut Català de Zorbe').country, 'ES');
  });
});
