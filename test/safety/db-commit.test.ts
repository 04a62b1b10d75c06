// `analyze --db` commits the database and the output directory together: a failure of either leaves both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../shared.js';
import { queryDatabase } from '../../src/store/duckdb.js';
import { changedPaths, run, snapshot, tempDir, writeCsv } from './harness.js';

test('--db is a directory: exit 1, the previous output directory unchanged', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const out = join(root, 'out');
  assert.equal((await run(['analyze', input, '--out', out])).code, 0);
  mkdirSync(join(root, 'dbdir'));
  const before = snapshot(root);
  const result = await run(['analyze', input, '--out', out, '--db', join(root, 'dbdir')]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /dbdir: cannot open the database/);
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
});

test('another writer holds the database: exit 1, no output directory, database unchanged', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const db = join(root, 'x.duckdb');
  assert.equal((await run(['analyze', input, '--out', join(root, 'first'), '--db', db])).code, 0);
  // another process holds the write lock (within one process DuckDB shares the file instead). The
  // instance and connection stay reachable from globalThis: unreferenced, an idle-time GC may finalise
  // them and release the lock before the second run starts (it did once, on CI).
  const holder = spawn(process.execPath, ['-e', `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => { const instance = await DuckDBInstance.create(${JSON.stringify(db)}); globalThis.held = [instance, await instance.connect()]; console.log('ready'); setInterval(() => globalThis.held.length, 60000); })`], { cwd: REPO_ROOT });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    holder.on('exit', () => reject(new Error('holder exited')));
  });
  try {
    const before = snapshot(root);
    const result = await run(['analyze', input, '--out', join(root, 'second'), '--db', db]);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.equal(existsSync(join(root, 'second')), false);
    assert.deepEqual(changedPaths(before, snapshot(root)), []);
  } finally {
    holder.kill();
  }
});

test('a new database is not left behind when the run fails; a good run writes both', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const db = join(root, 'new.duckdb');
  const empty = writeCsv(join(root, 'empty.csv'), []);
  const failed = await run(['analyze', empty, '--out', join(root, 'out'), '--db', db]);
  assert.equal(failed.code, 1);
  assert.equal(existsSync(db), false);
  assert.equal(existsSync(join(root, 'out')), false);
  const ok = await run(['analyze', input, '--out', join(root, 'out'), '--db', db]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /database .*new\.duckdb: wrote TESTCONF 2024/);
  assert.equal(JSON.parse(readFileSync(join(root, 'out', 'summary.json'), 'utf8')).papersInScope, 2);
  assert.deepEqual((await queryDatabase(db, 'SELECT count(*)::INTEGER AS n FROM papers')).rows, [{ n: 2 }]);
});

test('--db inside --out is refused (the swap would replace it)', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const result = await run(['analyze', input, '--out', join(root, 'out'), '--db', join(root, 'out', 'x.duckdb')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /contains .*x\.duckdb, which it would replace/);
  assert.equal(existsSync(join(root, 'out')), false);
});
