// Knowledge-base importers: Hipo university list and ROR v2 dumps into the user KB folder, atomically,
// in the institution schema, and loaded by the resolver by default.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const HOME = mkdtempSync(join(tmpdir(), 'collabscope-kb-'));
process.env.COLLABSCOPE_HOME = HOME;
const FIXTURES = join(import.meta.dirname, 'fixtures');

const { importInstitutions, parseImportFormat } = await import('../../src/kb/import.js');
const { convertRor } = await import('../../src/kb/ror.js');
const { loadInstitutionFile } = await import('../../src/kb/load.js');
const { createResolver } = await import('../../src/resolve/index.js');
const { isCollabscopeError } = await import('../../src/errors.js');

describe('kb import --format ror (schema v2)', () => {
  const result = importInstitutions('ror', join(FIXTURES, 'ror-v2.json'));

  it('writes active records with a location into $COLLABSCOPE_HOME/kb/ror.json', () => {
    assert.equal(result.output, join(HOME, 'kb', 'ror.json'));
    assert.equal(result.imported, 3);
    assert.deepEqual(result.skippedReasons, { 'status withdrawn': 1, 'no location country': 1 });
  });

  it('keeps names, acronyms, location, domains, sector and parent in the KB schema', () => {
    const records = loadInstitutionFile(result.output);
    const berkeley = records.find((r) => r.name === 'University of California, Berkeley');
    assert.ok(berkeley);
    assert.equal(berkeley.country, 'US');
    assert.equal(berkeley.sector, 'education');
    assert.equal(berkeley.city, 'Berkeley');
    assert.deepEqual(berkeley.places, ['California']);
    assert.deepEqual(berkeley.acronyms, ['UCB']);
    assert.ok(berkeley.aliases.includes('UC Berkeley'));
    assert.ok(berkeley.aliases.includes('Universidad de California en Berkeley'));
    assert.ok(berkeley.domains.includes('berkeley.edu'));
    const system = records.find((r) => r.name === 'University of California System');
    assert.equal(berkeley.parent, system?.id);
    assert.match(berkeley.parentSource ?? '', /^ROR parent relationship of /);
    const company = records.find((r) => r.name === 'Frobnitz Robotics GmbH');
    assert.equal(company?.sector, 'company');
    assert.deepEqual(company?.domains, []);
  });

  it('maps ROR types that are not sectors to other', () => {
    const converted = convertRor([{ id: 'https://ror.org/0abc', types: ['archive'], names: [{ value: 'An Archive', types: ['ror_display'] }], locations: [{ geonames_details: { country_code: 'NO', name: 'Oslo' } }] }], 'x.json');
    assert.equal(converted.institutions[0].sector, 'other');
  });

  it('leaves no temporary file behind', () => {
    assert.deepEqual(readdirSync(join(HOME, 'kb')).filter((f) => f.includes('.tmp')), []);
  });
});

describe('kb import --format hipo', () => {
  const result = importInstitutions('hipo', join(FIXTURES, 'hipo.json'));

  it('imports one record per name and country, dropping invalid domains', () => {
    assert.equal(result.imported, 2);
    assert.deepEqual(result.skippedReasons, { 'repeated name': 1, 'no country code': 1 });
    const records = loadInstitutionFile(join(HOME, 'kb', 'hipo.json'));
    const frobnitz = records.find((r) => r.name === 'Frobnitz University of Technology');
    assert.equal(frobnitz?.country, 'RU');
    assert.deepEqual(frobnitz?.domains, ['frobnitz.ac.xx']);
    assert.deepEqual(frobnitz?.places, ['Strelsau']);
    assert.match(frobnitz?.id ?? '', /^ru-frobnitz-university-of-technology$/);
  });
});

describe('imported files are loaded by default', () => {
  it('the resolver reads $COLLABSCOPE_HOME/kb beside the curated base', () => {
    // built from the files, not also written to the cache (caching and reading back: prebuilt.test.ts)
    process.env.COLLABSCOPE_INDEX_CACHE = 'off';
    let resolver: ReturnType<typeof createResolver>;
    try {
      resolver = createResolver({ swot: false });
    } finally {
      delete process.env.COLLABSCOPE_INDEX_CACHE;
    }
    const [a] = resolver.resolve('Institute of Robotics, Frobnitz University of Technology');
    assert.equal(a.country, 'RU');
    assert.equal(a.institution, 'Frobnitz University of Technology');
    assert.match(a.evidence.join(' '), /hipo\.json/);
  });

  it('kbDirs replaces the default folder', () => {
    const resolver = createResolver({ swot: false, kbDirs: [] });
    const [a] = resolver.resolve('Frobnitz University of Technology');
    assert.notEqual(a.method, 'alias');
  });
});

describe('user mistakes are one-line CollabscopeErrors', () => {
  function rejects(fn: () => unknown, pattern: RegExp) {
    try {
      fn();
    } catch (error) {
      assert.ok(isCollabscopeError(error), `a CollabscopeError, got ${String(error)}`);
      assert.match((error as Error).message, pattern);
      assert.ok(!(error as Error).message.includes('\n'));
      return;
    }
    assert.fail('expected an error');
  }

  it('a missing file', () => rejects(() => importInstitutions('hipo', join(FIXTURES, 'nope.json')), /nope\.json: no such file/));
  it('bad JSON', () => {
    const bad = join(HOME, 'bad.json');
    writeFileSync(bad, '[{"name": ');
    rejects(() => importInstitutions('ror', bad), /bad\.json: malformed JSON/);
  });
  it('not an array', () => {
    const bad = join(HOME, 'object.json');
    writeFileSync(bad, '{"a": 1}');
    rejects(() => importInstitutions('hipo', bad), /object\.json: expected a JSON array/);
  });
  it('a record that is not an object, named by its index', () => {
    const bad = join(HOME, 'records.json');
    writeFileSync(bad, '[{"name": "A University", "alpha_two_code": "US"}, 7]');
    rejects(() => importInstitutions('hipo', bad), /records\.json: record 1: not a JSON object/);
  });
  it('an unknown format', () => rejects(() => parseImportFormat('csv'), /unknown import format 'csv'/));
  it('a failed import leaves the previous file in place', () => {
    const before = readFileSync(join(HOME, 'kb', 'hipo.json'), 'utf8');
    try {
      importInstitutions('hipo', join(HOME, 'records.json'));
    } catch {
      // expected
    }
    assert.equal(readFileSync(join(HOME, 'kb', 'hipo.json'), 'utf8'), before);
    assert.ok(existsSync(join(HOME, 'kb', 'hipo.json')));
  });
});
