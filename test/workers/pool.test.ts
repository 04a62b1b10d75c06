// Worker threads must change nothing: the same papers.jsonl and summary.json, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../../src/run.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { NO_PAPERLISTS, paperListFiles } from '../shared.js';

test('a run in worker threads writes the same bytes as a single-threaded run', { skip: NO_PAPERLISTS }, async () => {
  const files = paperListFiles((f) => f === 'nips2016.json' || f === 'colm2024.json' || f === 'wacv2025.json');
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-workers-'));
  const request = { files, pair: ['US', 'CN'] as [string, string], definitions: DEFAULT_DEFINITIONS };
  const single = await runAnalyze({ ...request, out: join(dir, 'single'), workers: 1 });
  // two workers: the 1,798 records are four batches (BATCH_SIZE 500), so each worker takes a second one
  // and batches can come back out of order; nothing in the pool depends on a third worker, and each
  // worker costs a start-up and a cold resolver of its own
  const parallel = await runAnalyze({ ...request, out: join(dir, 'parallel'), workers: 2 });
  assert.ok(parallel.resolverStats.cacheMisses > 0, 'the workers resolved something');
  assert.equal(single.corpus.papers.length, parallel.corpus.papers.length);
  for (const file of ['papers.jsonl', 'summary.json']) {
    const a = readFileSync(join(dir, 'single', file));
    const b = readFileSync(join(dir, 'parallel', file));
    assert.ok(a.equals(b), `${file} differs between the single-threaded and the parallel run`);
  }
});
