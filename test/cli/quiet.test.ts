// --quiet: one shared option on every command that draws progress bars or prints notes on stderr;
// it silences both. buildCorpus reports each paper done (the bar's count: test/cli/progress.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from '../cli-helper.js';
import { buildProgram } from '../../src/cli/main.js';
import { REPO_ROOT } from '../shared.js';
import { clientOptions, QUIET_FETCH_PROGRESS } from '../../src/cli/commands/fetch.js';
import { buildCorpus, type Progress } from '../../src/pipeline.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';

const FIXTURE = join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json');

test('every command that draws progress or prints notes takes the same --quiet', () => {
  const program = buildProgram();
  const find = (path: string[]) => path.reduce((cmd, name) => cmd.commands.find((c) => c.name() === name)!, program);
  const quiet = (path: string[]) => find(path).options.find((o) => o.long === '--quiet');
  const commands = [['analyze'], ['eval'], ['fetch'], ['compare'], ['report'], ['kb', 'update']];
  for (const path of commands) {
    const option = quiet(path);
    assert.ok(option, `${path.join(' ')} has no --quiet`);
    assert.equal(option.flags, '-q, --quiet');
    assert.equal(option.description, 'no progress bars or notes on stderr (bars are drawn only when stderr is a terminal anyway)');
  }
});

test('analyze --quiet drops the notes on stderr; without it they are there', async () => {
  const base = mkdtempSync(join(tmpdir(), 'collabscope-quiet-'));
  const loud = await cli(['analyze', FIXTURE, '--out', join(base, 'a'), '--report']);
  assert.equal(loud.code, 0, loud.stderr);
  assert.match(loud.stderr, /report .*report\.html: 7 charts/);
  const quiet = await cli(['analyze', FIXTURE, '--out', join(base, 'b'), '--report', '--quiet']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stderr, '');
  // the tables still go to stdout
  assert.match(quiet.stdout, /US-CN collaboration by year[\s\S]*wrote .*\/b\/papers\.jsonl/);
});

test('report --quiet is accepted and prints only what it wrote', async () => {
  const base = mkdtempSync(join(tmpdir(), 'collabscope-quiet-'));
  assert.equal((await cli(['analyze', FIXTURE, '--out', base, '--quiet'])).code, 0);
  const report = await cli(['report', '--from', base, '--quiet']);
  assert.equal(report.code, 0, report.stderr);
  assert.equal(report.stderr, '');
  assert.match(report.stdout, /^wrote .*report\.html \(7 charts\)\n$/);
});

test('fetch, compare and kb update: --quiet gives the client a silent progress', () => {
  assert.equal(clientOptions({ quiet: true }).progress, QUIET_FETCH_PROGRESS);
  assert.equal('progress' in clientOptions({}), false);
});

test('buildCorpus reports each paper once it is resolved and classified', () => {
  const calls: string[] = [];
  const recorder: Progress = {
    start: (label, total) => calls.push(`start ${label} ${total}`),
    tick: () => calls.push('tick'),
    item: () => calls.push('paper'),
    stop: () => calls.push('stop'),
  };
  const corpus = buildCorpus({
    files: [FIXTURE],
    definitions: DEFAULT_DEFINITIONS,
    resolver: { resolveAuthor: () => [] },
    classifier: { classifyFields: () => ({ fields: [], evidence: [] }), detectTechnologies: () => [] },
    progress: recorder,
  });
  assert.ok(corpus.papers.length >= 2);
  assert.deepEqual(calls, ['start reading and resolving 1', ...corpus.papers.map(() => 'paper'), 'tick', 'stop']);
});
