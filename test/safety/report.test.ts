// `report` never replaces a directory or a file it did not write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedPaths, run, snapshot, tempDir, writeCsv } from './harness.js';
import { withSoftwareTag } from '../../src/report/png.js';

test('report --html: an existing directory or a foreign file is refused in one line; its own report is replaced', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  const out = join(root, 'run');
  assert.equal((await run(['analyze', input, '--out', out])).code, 0);
  mkdirSync(join(root, 'userdir'));
  writeFileSync(join(root, 'userdir', 'keep.txt'), 'mine');
  writeFileSync(join(root, 'notes.html'), '<p>my notes</p>');
  mkdirSync(join(root, 'pngs'));
  writeFileSync(join(root, 'pngs', 'trend.png'), 'my picture');
  const before = snapshot(root);
  for (const [args, why] of [
    [['--html', join(root, 'userdir')], /--html .*userdir: is a directory/],
    [['--html', join(root, 'notes.html')], /notes\.html: exists and is not a collabscope report/],
    [['--html', join(root, 'new.html'), '--png', join(root, 'pngs')], /--png .*pngs: trend\.png exists and was not written by collabscope/],
    [['--html', join(root, 'new.html'), '--png', input], /--png .*in\.csv: exists and is not a directory/],
  ] as const) {
    const result = await run(['report', '--from', out, ...args]);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, why);
  }
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
  const mine = join(root, 'mine.html');
  assert.equal((await run(['report', '--from', out, '--html', mine])).code, 0);
  assert.equal((await run(['report', '--from', out, '--html', mine])).code, 0, 'its own report is replaced');
  assert.match(readFileSync(mine, 'utf8'), /<meta name="generator" content="collabscope">/);
});

test('the PNG tag is a valid tEXt chunk after IHDR', () => {
  // a 1x1 PNG: signature, IHDR (13 bytes), IDAT, IEND
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const tagged = withSoftwareTag(png);
  assert.equal(tagged.length, png.length + 12 + 'Software\0collabscope'.length);
  assert.equal(tagged.subarray(37, 41).toString('latin1'), 'tEXt');
  assert.equal(tagged.subarray(41, 41 + 20).toString('latin1'), 'Software\0collabscope');
});
