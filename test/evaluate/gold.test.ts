// `collabscope eval --gold`: reading gold TSVs, the scores (coverage, exact, contains, overall), the
// trailing-country split, confusions and the errors TSV, on an invented gold file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../shared.js';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-gold-'));
const { endsWithCountry, evaluateGold, goldErrorsTsv, readGoldFile, renderGold } = await import('../../src/evaluate/gold.js');
const { createResolver } = await import('../../src/resolve/index.js');
const { CollabscopeError } = await import('../../src/errors.js');

const resolver = createResolver({ curatedDir: join(REPO_ROOT, 'test', 'resolve', 'fixtures', 'kb'), kbDirs: [], swot: false });
const dir = mkdtempSync(join(tmpdir(), 'gold-files-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// invented strings: two right, one wrong country, one unresolved, one with two countries
const GOLD = write(
  'invented.tsv',
  [
    'affiliation\tcountry',
    'Dept. of Widgets, Carnegie Mellon University, Pittsburgh, PA, USA\tUS',
    'Carnegie Mellon University\tUS',
    'Carnegie Mellon University, Pittsburgh\tCA',
    'Frobnication Collective\tFR',
    'Carnegie Mellon University and Nanyang Technological University\tUS',
    '',
  ].join('\n'),
);

describe('readGoldFile', () => {
  it('reads rows after the header with their line numbers', () => {
    const rows = readGoldFile(GOLD);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[1], { file: 'invented.tsv', line: 3, affiliation: 'Carnegie Mellon University', country: 'US', institution: null });
  });

  it('keeps an optional third column', () => {
    const rows = readGoldFile(write('third.tsv', 'affiliation\tcountry\tror\nSome Place\tde\thttps://ror.org/0000\n'));
    assert.equal(rows[0].country, 'DE');
    assert.equal(rows[0].institution, 'https://ror.org/0000');
  });

  it('rejects a missing header, a bad country and a missing file with one clear error', () => {
    assert.throws(() => readGoldFile(write('nohead.tsv', 'X University\tUS\n')), (e: unknown) => e instanceof CollabscopeError && /header/.test(e.message));
    assert.throws(() => readGoldFile(write('bad.tsv', 'affiliation\tcountry\nX University\tUSA\n')), (e: unknown) => e instanceof CollabscopeError && /line 2/.test(e.message));
    assert.throws(() => readGoldFile(join(dir, 'absent.tsv')), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_FILE_NOT_FOUND');
  });
});

describe('endsWithCountry', () => {
  it('sees a country name as the last segment, with postcodes and dots around it', () => {
    assert.equal(endsWithCountry('Some Institute, Lyon, France.'), true);
    assert.equal(endsWithCountry('Some Lab, Pittsburgh, PA 15213, USA'), true);
    assert.equal(endsWithCountry('Some Lab, 10115 Germany'), true);
    assert.equal(endsWithCountry('Some Lab, Pittsburgh, PA'), false);
    assert.equal(endsWithCountry('Some University'), false);
  });
});

describe('evaluateGold', () => {
  const metrics = evaluateGold([GOLD], { resolver });

  it('scores coverage, exact, contains and overall by hand', () => {
    const c = metrics.combined;
    assert.equal(c.rows, 5);
    assert.equal(c.covered, 4); // the collective gets no country
    assert.equal(c.exact, 2); // the two US rows
    assert.equal(c.contains, 3); // the two-country row contains US
    assert.equal(c.overall, 2 / 5);
    assert.equal(c.exactWhereCovered, 2 / 4);
  });

  it('splits rows by a trailing country name', () => {
    assert.equal(metrics.trailingCountry.rows, 1);
    assert.equal(metrics.noTrailingCountry.rows, 4);
  });

  it('counts confusions and lists every error', () => {
    assert.equal(metrics.errorCount, 3);
    const keys = metrics.confusions.map((c) => `${c.gold}->${c.predicted}`).sort();
    assert.deepEqual(keys, ['CA->US', 'FR->-', 'US->SG+US']);
    const tsv = goldErrorsTsv(metrics.errors).trim().split('\n');
    assert.equal(tsv.length, 4);
    assert.match(tsv[0], /^file\tline\tgold\tpredicted/);
    assert.ok(tsv.some((l) => l.startsWith('invented.tsv\t5\tFR\t-\t')));
  });

  it('has a per-country table and renders as text', () => {
    const us = metrics.perCountry.find((c) => c.country === 'US');
    assert.equal(us?.rows, 3);
    assert.equal(us?.exact, 2);
    assert.match(renderGold(metrics), /combined|invented\.tsv/);
  });
});
