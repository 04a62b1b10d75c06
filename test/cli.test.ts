// The command line as a user meets it: help, one-line errors, exit codes, nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from './shared.js';
import { cli as runCli, cliProcess } from './cli-helper.js';

const fixture = (name: string) => join(REPO_ROOT, 'test', 'sources', 'fixtures', name);

// in this process; the tests that need a real process (exit code, nothing on stderr but one line) say so
const cli = (...args: string[]) => runCli(args);

test('--help explains the commands (a real process)', async () => {
  const { code, stdout } = cliProcess(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /analyze/);
  assert.match(stdout, /explain/);
  const analyze = await cli('analyze', '--help');
  assert.match(analyze.stdout, /--pair/);
  assert.match(analyze.stdout, /--china-scope/);
});

for (const [name, pattern] of [
  ['missing.json', /missing\.json: no such file/],
  ['broken.json', /broken\.json: malformed JSON/],
  ['unknown.txt', /unknown\.txt: unknown format/],
  ['nips2017.json', /nips2017\.json: record 0/],
] as const) {
  test(`bad input ${name}: one line, exit 1, no stack, no output directory`, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'collabscope-cli-')), 'out');
    // one case through a real process: what a user's shell sees
    const { code, stderr } = name === 'broken.json' ? cliProcess(['analyze', fixture(name), '--out', out]) : await cli('analyze', fixture(name), '--out', out);
    assert.equal(code, 1);
    assert.match(stderr, pattern);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.equal(existsSync(out), false);
  });
}

test('bad option values are refused with a usage hint', async () => {
  const { code, stderr } = await cli('analyze', fixture('nips2018.json'), '--pair', 'USA');
  assert.equal(code, 1);
  assert.match(stderr, /--pair must be two different ISO country codes/);
  const scope = await cli('analyze', fixture('nips2018.json'), '--china-scope', 'everything');
  assert.notEqual(scope.code, 0);
  assert.match(scope.stderr, /Allowed choices are mainland, greater/);
});

test('a usage error is one line of ours, exit 1: unknown options and commands (with the suggestion), a paper id that looks like an option, a missing argument', async () => {
  for (const [args, pattern] of [
    [['analyze', fixture('nips2018.json'), '--ot', 'x'], /unknown option '--ot' \(Did you mean --out\?\) \(run with --help for usage\)/],
    [['analzye', fixture('nips2018.json')], /unknown command 'analzye' \(Did you mean analyze\?\)/],
    [['explain', '- ', '--out', 'nothing'], /unknown option '- '/],
    [['analyze'], /missing required argument 'file'/],
  ] as const) {
    const { code, stderr } = await cli(...args);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^collabscope: /);
    assert.match(stderr, pattern);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  }
});

test('analyze then explain a paper', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'collabscope-cli-')), 'out');
  const run = await cli('analyze', fixture('nips2018.json'), '--out', out);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /US-CN collaboration by year/);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.papers, 5);
  const explained = await cli('explain', 'neurips2018:11201', '--out', out);
  assert.equal(explained.code, 0, explained.stderr);
  assert.match(explained.stdout, /"IIIS, Tsinghua University"/);
  assert.match(explained.stdout, /rule: /);
  // The record's position in its source file (as eval used to print it) finds the same paper.
  const byPosition = await cli('explain', 'nips2018.json#0', '--out', out);
  assert.equal(byPosition.stdout, explained.stdout);
  const missing = await cli('explain', 'nope', '--out', out);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no paper with id "nope"/);
});

test('help texts reflow to the width (no sentence is hard-wrapped at a fixed column)', async () => {
  for (const command of ['analyze', 'report', 'papers', 'export', 'eval']) {
    const { stdout } = await cli(command, '--help');
    for (const line of stdout.split('\n')) assert.ok(line.length <= 80, `${command}: ${line}`);
  }
  // The description is one paragraph filled to the width: its first line is not cut after a few words.
  const description = (await cli('report', '--help')).stdout.split('\n')[2];
  assert.ok(description.length > 70, description);
});

test("every command's description fills its lines: no line of a paragraph is cut short mid-sentence, no item wraps to the margin", async () => {
  const top = (await cli('--help')).stdout;
  const names = [...top.slice(top.indexOf('Commands:')).matchAll(/^  ([a-z]+) /gm)].map((m) => m[1]).filter((name) => name !== 'help');
  assert.ok(names.length >= 10, names.join(' '));
  const kb = (await cli('kb', '--help')).stdout;
  const commands = [...names.map((name) => [name]), ...[...kb.slice(kb.indexOf('Commands:')).matchAll(/^  ([a-z]+) /gm)].filter((m) => m[1] !== 'help').map((m) => ['kb', m[1]])];
  for (const command of commands) {
    const { stdout } = await cli(...command, '--help');
    // the description: the paragraphs between the usage line and the first section heading
    const lines = stdout.split('\n');
    const end = lines.findIndex((line, i) => i > 1 && /^[A-Z][a-z]+:$/.test(line));
    const body = lines.slice(2, end < 0 ? lines.length : end);
    for (let i = 0; i + 1 < body.length; i++) {
      const continues = body[i + 1] !== '' && !/^[-*\d]|^ /.test(body[i + 1]) && body[i] !== '' && !/[.:;]$/.test(body[i]);
      // cut short: the next line's first word would have fitted on this one (the width is 80)
      const nextWord = body[i + 1].split(' ')[0];
      if (continues) assert.ok(body[i].length + 1 + nextWord.length > 80, `${command.join(' ')} --help: a line cut short: "${body[i]}" / "${body[i + 1]}"`);
      // an indented item's words wrapped to the margin (an item list is followed by a blank line)
      if (body[i].startsWith(' ') && body[i + 1] !== '') assert.ok(body[i + 1].startsWith(' '), `${command.join(' ')} --help: an item wrapped to the margin: "${body[i]}" / "${body[i + 1]}"`);
    }
  }
});
