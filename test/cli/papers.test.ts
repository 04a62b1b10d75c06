// `collabscope papers`: the papers behind a number, each with its reason, matching `explain`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../shared.js';
import { cli } from '../cli-helper.js';

const fixture = join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json');

test('papers lists the pair papers with their reason, and explain opens with the same reason', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'collabscope-papers-')), 'out');
  assert.equal((await cli(['analyze', fixture, '--out', out])).code, 0);
  const listed = (await cli(['papers', out, '--format', 'jsonl']));
  assert.equal(listed.code, 0, listed.stderr);
  const rows = listed.stdout.trim().split('\n').map((line) => JSON.parse(line));
  // The fixture has one US-CN paper: a US author and an author listing a US and a Chinese institution.
  assert.deepEqual(rows.map((r) => r.id), ['neurips2018:11201']);
  assert.equal(rows[0].how, 'only through a dual affiliation');
  assert.equal(rows[0].onlyThroughDual, true);
  const explained = (await cli(['explain', rows[0].id, '--out', out]));
  assert.equal(explained.code, 0, explained.stderr);
  assert.equal(explained.stdout.split('\n')[0], rows[0].reason);
  assert.match(rows[0].reason, /^Counts as US-CN \(only through a dual affiliation\): US side .*; CN side .*\.$/);

  const table = (await cli(['papers', out]));
  assert.match(table.stdout, /^neurips2018:11201 {2}2018 {2}\[only through a dual affiliation\] {2}US: .* \| CN: /);
  assert.match(table.stdout, /\n1 paper: US-CN papers\n$/);
  const csv = (await cli(['papers', out, '--format', 'csv']));
  assert.equal(csv.stdout.split('\n')[0], 'id,year,how it counts,authors and institutions on each side,title');
  // Every paper of the run (pair or not) with --all; a filter that matches nothing says so.
  // In scope as the analytics see it (papers with no located author are outside the denominator).
  assert.match((await cli(['papers', out, '--all'])).stdout, /\n3 papers: in-scope papers\n$/);
  assert.equal((await cli(['papers', out, '--year', '2017'])).stdout, '0 papers: US-CN papers in 2017\n');
  // Under another pair the same paper does not count.
  assert.equal((await cli(['papers', out, '--pair', 'US,FR', '--format', 'jsonl'])).stdout, '');
});

test('papers refuses a run directory that does not exist in one line', async () => {
  const { code, stderr } = (await cli(['papers', join(tmpdir(), 'no-such-run-dir')]));
  assert.equal(code, 1);
  assert.match(stderr, /summary\.json: missing or unreadable; run `collabscope analyze/);
  assert.equal(stderr.trim().split('\n').length, 1);
});
