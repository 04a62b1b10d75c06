// Classification in a worker thread beside the main thread must change nothing (the same bytes), an
// error in the worker must surface as an error, and auto picks the mode by input size and cores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze, workerPlan, PARALLEL_INPUT_BYTES } from '../../src/run.js';
import { WorkerClassifier } from '../../src/workers/classify-ahead.js';
import { DEFAULT_DEFINITIONS, type RawPaper } from '../../src/types.js';
import { NO_PAPERLISTS, paperListFiles } from '../shared.js';

test('a run that classifies in a worker thread writes the same bytes as a single-threaded run', { skip: NO_PAPERLISTS }, async () => {
  // 1,798 records: several batches of 256 in flight, the last one short
  const files = paperListFiles((f) => f === 'nips2016.json' || f === 'colm2024.json' || f === 'wacv2025.json');
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-classify-ahead-'));
  const request = { files, pair: ['US', 'CN'] as [string, string], definitions: DEFAULT_DEFINITIONS };
  const single = await runAnalyze({ ...request, out: join(dir, 'single'), workers: 1 });
  const ahead = await runAnalyze({ ...request, out: join(dir, 'ahead'), workers: 'classify' });
  assert.equal(single.corpus.papers.length, ahead.corpus.papers.length);
  for (const file of ['papers.jsonl', 'summary.json']) {
    const a = readFileSync(join(dir, 'single', file));
    const b = readFileSync(join(dir, 'ahead', file));
    assert.ok(a.equals(b), `${file} differs between the single-threaded run and the one that classifies in a worker`);
  }
});

test('workerPlan: one thread unless 4 or more cores and 64 MiB or more (then the pool); the classify worker only when asked; explicit settings win', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-plan-'));
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, '{}\n');
  const sized = (name: string, bytes: number) => {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    ftruncateSync(fd, bytes); // sparse: the size is all that is read
    closeSync(fd);
    return path;
  };
  const large = sized('large.jsonl', PARALLEL_INPUT_BYTES);
  const half = sized('half.jsonl', PARALLEL_INPUT_BYTES / 2);
  assert.deepEqual(workerPlan({ files: [small] }, 8), { mode: 'main' });
  assert.deepEqual(workerPlan({ files: [large] }, 8), { mode: 'pool', workers: 4 });
  assert.deepEqual(workerPlan({ files: [large] }, 4), { mode: 'pool', workers: 3 });
  assert.deepEqual(workerPlan({ files: [large] }, 2), { mode: 'main' });
  assert.deepEqual(workerPlan({ files: [large] }, 1), { mode: 'main' });
  assert.deepEqual(workerPlan({ files: [half, half] }, 8), { mode: 'main' }, 'a file named twice is counted once');
  assert.deepEqual(workerPlan({ files: [large], workers: 1 }, 8), { mode: 'main' });
  assert.deepEqual(workerPlan({ files: [small], workers: 3 }, 2), { mode: 'pool', workers: 3 });
  assert.deepEqual(workerPlan({ files: [small], workers: 'classify' }, 2), { mode: 'classify' });
});

test('the classify worker: results in the order submitted; an error in the worker is an error here, not a hang', async () => {
  const paper = (title: unknown): RawPaper =>
    ({ sourceId: null, source: { file: 'x.json', index: 0 }, venue: 'X', year: 2024, title, abstract: null, track: null, status: null, topic: null, keywords: [], url: null, authors: [] }) as unknown as RawPaper;
  const classifier = new WorkerClassifier();
  try {
    assert.throws(() => classifier.take(), /nothing submitted/);
    classifier.submit([paper('Semantic segmentation of street scenes'), paper('Policy gradients for reinforcement learning')]);
    classifier.submit([paper('Machine translation with large language models')]);
    const first = classifier.take();
    assert.equal(first.length, 2);
    assert.equal(first[0].fields[0], 'vision');
    assert.equal(first[1].fields[0], 'reinforcement-learning');
    assert.equal(classifier.take()[0].fields[0], 'llm-nlp');
    classifier.submit([paper(null)]);
    assert.throws(() => classifier.take(), /classify worker failed/);
  } finally {
    await classifier.close();
  }
});

test('the classify worker: a malformed message is an error reply; a dead worker is noticed by its silence, not after the answer timeout', async () => {
  const paper = { sourceId: null, source: { file: 'x.json', index: 0 }, venue: 'X', year: 2024, title: 'Graph neural networks', abstract: null, track: null, status: null, topic: null, keywords: [], url: null, authors: [] } as RawPaper;
  const odd = new WorkerClassifier();
  try {
    // what the worker reads outside a batch's work (the message itself) fails inside its try too
    (odd as unknown as { port: { postMessage(m: unknown): void }; submitted: number }).port.postMessage(null);
    (odd as unknown as { submitted: number }).submitted++;
    assert.throws(() => odd.take(), /classify worker failed/);
  } finally {
    await odd.close();
  }
  const dying = new WorkerClassifier(400);
  try {
    dying.submit([paper]);
    assert.equal(dying.take().length, 1);
    await (dying as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    dying.submit([paper]);
    const started = performance.now();
    assert.throws(() => dying.take(), /classify worker stopped \(no sign of life/);
    assert.ok(performance.now() - started < 5000, 'noticed within seconds');
  } finally {
    await dying.close();
  }
});
