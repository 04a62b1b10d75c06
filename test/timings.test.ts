// `analyze --timings`: every stage is reported, and timing a run changes none of its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../src/run.js';
import { DEFAULT_DEFINITIONS } from '../src/types.js';
import { STAGES, Timings } from '../src/timings.js';
import { REPO_ROOT } from './shared.js';

test('a timed run writes the same bytes as an untimed one, and times every stage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-timings-'));
  const request = {
    files: [join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json')],
    pair: ['US', 'CN'] as [string, string],
    definitions: DEFAULT_DEFINITIONS,
    kbDirs: [],
    workers: 1,
  };
  const timings = new Timings();
  await runAnalyze({ ...request, out: join(dir, 'plain') });
  await runAnalyze({ ...request, out: join(dir, 'timed'), timings });
  for (const file of ['papers.jsonl', 'summary.json']) {
    assert.ok(readFileSync(join(dir, 'plain', file)).equals(readFileSync(join(dir, 'timed', file))), `${file} differs`);
  }
  for (const stage of ['index', 'read', 'resolve', 'classify', 'build', 'write', 'passes', 'analytics'] as const) assert.ok(timings.ms[stage] > 0, `${stage} was timed`);
  const line = timings.format(100_000);
  for (const stage of STAGES) assert.match(line, new RegExp(`\\b${stage} \\d+\\.\\d\\d\\b`));
  assert.match(line, /total 100\.00/);
});

test('Timings.iterate adds the time of producing each item and yields the items unchanged', () => {
  const timings = new Timings();
  function* slow() {
    for (const n of [1, 2, 3]) {
      const until = performance.now() + 2;
      while (performance.now() < until);
      yield n;
    }
  }
  assert.deepEqual([...timings.iterate('read', slow())], [1, 2, 3]);
  assert.ok(timings.ms.read >= 6, `read ${timings.ms.read} ms`);
  assert.equal(timings.ms.resolve, 0);
});

test('a stage timed inside another counts only for itself', () => {
  // a clock of its own, moved only by the work below: the figures are exact, whatever the machine's load
  let clock = 1000;
  const timings = new Timings(() => clock);
  const busy = (ms: number) => {
    clock += ms;
  };
  const started = clock;
  timings.time('build', () => {
    busy(2);
    timings.time('resolve', () => busy(6));
    timings.time('classify', () => {
      busy(1);
      timings.time('write', () => busy(4));
    });
    busy(3);
  });
  const elapsed = clock - started;
  assert.equal(timings.ms.resolve, 6);
  assert.equal(timings.ms.write, 4);
  assert.equal(timings.ms.classify, 1, "classify's own time, without write's");
  assert.equal(timings.ms.build, 5, "build's own time, without the stages inside it");
  assert.equal(timings.ms.build + timings.ms.resolve + timings.ms.classify + timings.ms.write, elapsed);
});
