// export --parquet DIR replaces only Parquet files it wrote itself (tagged in their key-value
// metadata); a user's file of the same name stops it with one line before anything is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportParquet, ingestPapers, TABLES } from '../../src/store/duckdb.js';
import { DEFAULT_DEFINITIONS, type Paper } from '../../src/types.js';
import { aff, author, paper as fixturePaper } from '../analyze/fixtures.js';
import { cli } from '../cli-helper.js';

const paper = (id: string): Paper => fixturePaper({ year: 2020, venue: 'Conf', track: 'main', id }, [author('An Author', aff('Lakeside University', 'US'))]);

async function database(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'collabscope-pq-')), 'c.duckdb');
  await ingestPapers(file, [paper('conf2020:1')], DEFAULT_DEFINITIONS);
  return file;
}

test('export --parquet replaces its own files, refuses a user file of the same name and writes nothing', async () => {
  const file = await database();
  const dir = join(mkdtempSync(join(tmpdir(), 'collabscope-pq-out-')), 'out');
  const first = await exportParquet(file, dir);
  assert.equal(first.length, TABLES.length);
  // our files are tagged, so a second export replaces them
  const again = await exportParquet(file, dir);
  assert.deepEqual(again, first);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const tags = await connection.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${join(dir, 'papers.parquet')}')`);
  assert.deepEqual(tags.getRowObjects(), [{ k: 'generator', v: 'collabscope' }]);
  // a Parquet file of the user's (untagged) and a plain text file: both refused, nothing touched
  const mine = join(dir, `${TABLES[0]}.parquet`);
  await connection.run(`COPY (SELECT 42 AS answer) TO '${mine}' (FORMAT parquet)`);
  connection.closeSync();
  const before = readFileSync(mine);
  const other = join(dir, `${TABLES[1]}.parquet`);
  const otherBefore = statSync(other).mtimeMs;
  await assert.rejects(exportParquet(file, dir), new RegExp(`${TABLES[0]}\\.parquet exists and was not written by collabscope; give another directory; nothing was written`));
  assert.deepEqual(readFileSync(mine), before);
  assert.equal(statSync(other).mtimeMs, otherBefore);
  writeFileSync(mine, 'my notes\n');
  await assert.rejects(exportParquet(file, dir), /was not written by collabscope/);
  assert.equal(readFileSync(mine, 'utf8'), 'my notes\n');
});

test('export --parquet on a user file: one line, exit 1', async () => {
  const file = await database();
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-pq-cli-'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'papers.parquet'), 'not ours\n');
  const result = await cli(['export', '--parquet', join(dir, 'out'), '--db', file]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /papers\.parquet exists and was not written by collabscope/);
  assert.equal(readFileSync(join(dir, 'out', 'papers.parquet'), 'utf8'), 'not ours\n');
  const plain = join(dir, 'a-file');
  writeFileSync(plain, 'x');
  const notDir = await cli(['export', '--parquet', plain, '--db', file]);
  assert.equal(notDir.code, 1);
  assert.match(notDir.stderr, /exists and is not a directory; nothing was written/);
});
