// `sql` can read the database and nothing else: no files written or read, no extensions, no undoing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPapers, queryDatabase } from '../../src/store/duckdb.js';
import { DEFAULT_DEFINITIONS, type Paper } from '../../src/types.js';
import { run, tempDir } from './harness.js';

const paper: Paper = {
  id: 'p1', source: { file: 'f.csv', index: 0 }, venue: 'TESTCONF', year: 2024, title: 'An invented paper', track: 'main', status: null, topic: null,
  keywords: [], url: null, authors: [], countries: [], fields: [], fieldEvidence: [], technologies: [],
};

test('sql: COPY, EXPORT, read_text, URLs, ATTACH, INSTALL/LOAD and SET fail with one line', async () => {
  const root = tempDir();
  const db = join(root, 'x.duckdb');
  await ingestPapers(db, [paper], DEFAULT_DEFINITIONS);
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, 'do not read');
  const ok = await run(['sql', 'SELECT id FROM papers', '--db', db, '--format', 'csv']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'id\np1\n');
  const attempts = [
    `COPY papers TO '${join(root, 'x.csv')}'`,
    `EXPORT DATABASE '${join(root, 'd')}'`,
    `SELECT * FROM read_text('${secret}')`,
    `SELECT * FROM read_csv('${secret}')`,
    "SELECT * FROM 'http://127.0.0.1:9/a.parquet'",
    `ATTACH '${join(root, 'other.duckdb')}' AS other`,
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET enable_external_access = true',
    'SET autoinstall_known_extensions = true',
    'RESET lock_configuration',
    'DELETE FROM papers',
  ];
  for (const sql of attempts) {
    const result = await run(['sql', sql, '--db', db]);
    assert.equal(result.code, 1, `${sql}: ${result.stdout}`);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^collabscope: query failed: /, sql);
    assert.doesNotMatch(result.stdout, /do not read/);
  }
  assert.equal(existsSync(join(root, 'x.csv')), false);
  assert.equal(existsSync(join(root, 'd')), false);
  assert.equal(existsSync(join(root, 'other.duckdb')), false);
  assert.deepEqual((await queryDatabase(db, 'SELECT count(*)::INTEGER AS n FROM papers')).rows, [{ n: 1 }]);
});

test('sql on a missing file or a directory: one line, nothing created', async () => {
  const root = tempDir();
  const missing = await run(['sql', 'SELECT 1', '--db', join(root, 'none.duckdb')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /none\.duckdb: cannot open the database \(no such file/);
  assert.equal(existsSync(join(root, 'none.duckdb')), false);
  const dir = await run(['sql', 'SELECT 1', '--db', root]);
  assert.equal(dir.code, 1);
  assert.match(dir.stderr, /cannot open the database \(is a directory\)/);
});
