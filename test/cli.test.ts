// The command line as a user meets it: help, one-line errors, exit codes, nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from './shared.js';
import { cli as runCli } from './cli-helper.js';

const fixture = (name: string) => join(REPO_ROOT, 'test', 'sources', 'fixtures', name);

const cli = (...args: string[]) => runCli(args);

test('--help explains the commands', () => {
  const { code, stdout } = cli('--help');
  assert.equal(code, 0);
  assert.match(stdout, /analyze/);
  assert.match(stdout, /explain/);
  const analyze = cli('analyze', '--help');
  assert.match(analyze.stdout, /--pair/);
  assert.match(analyze.stdout, /--china-scope/);
});

for (const [name, pattern] of [
  ['missing.json', /missing\.json: no such file/],
  ['broken.json', /broken\.json: malformed JSON/],
  ['unknown.txt', /unknown\.txt: unknown format/],
  ['nips2017.json', /nips2017\.json: record 0/],
] as const) {
  test(`bad input ${name}: one line, exit 1, no stack, no output directory`, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'collabscope-cli-')), 'out');
    const { code, stderr } = cli('analyze', fixture(name), '--out', out);
    assert.equal(code, 1);
    assert.match(stderr, pattern);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.equal(existsSync(out), false);
  });
}

test('bad option values are refused with a usage hint', () => {
  const { code, stderr } = cli('analyze', fixture('nips2018.json'), '--pair', 'USA');
  assert.equal(code, 1);
  assert.match(stderr, /--pair must be two different ISO country codes/);
  const scope = cli('analyze', fixture('nips2018.json'), '--china-scope', 'everything');
  assert.notEqual(scope.code, 0);
  assert.match(scope.stderr, /Allowed choices are mainland, greater/);
});

test('analyze then explain a paper', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'collabscope-cli-')), 'out');
  const run = cli('analyze', fixture('nips2018.json'), '--out', out);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /US-CN collaboration by year/);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.papers, 5);
  const explained = cli('explain', 'neurips2018:11201', '--out', out);
  assert.equal(explained.code, 0, explained.stderr);
  assert.match(explained.stdout, /"IIIS, Tsinghua University"/);
  assert.match(explained.stdout, /rule: /);
  // The record's position in its source file (as eval used to print it) finds the same paper.
  const byPosition = cli('explain', 'nips2018.json#0', '--out', out);
  assert.equal(byPosition.stdout, explained.stdout);
  const missing = cli('explain', 'nope', '--out', out);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no paper with id "nope"/);
});

test('help texts reflow to the width (no sentence is hard-wrapped at a fixed column)', () => {
  for (const command of ['analyze', 'report', 'papers', 'export', 'eval']) {
    const { stdout } = cli(command, '--help');
    for (const line of stdout.split('\n')) assert.ok(line.length <= 80, `${command}: ${line}`);
  }
  // The description is one paragraph filled to the width: its first line is not cut after a few words.
  const description = cli('report', '--help').stdout.split('\n')[2];
  assert.ok(description.length > 70, description);
});
