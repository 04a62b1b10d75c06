// kb import never replaces an import with nothing: a file of another kind is refused in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedPaths, run, snapshot, tempDir } from './harness.js';

const hipo = [
  { name: 'University of Invented Studies', alpha_two_code: 'FR', domains: ['invented.example'], 'state-province': null },
  { name: 'Example Institute of Technology', alpha_two_code: 'DE', domains: ['eit.example'] },
];

test('a paper list given as --format hipo is refused; the earlier import stays', async () => {
  const root = tempDir();
  const kb = join(root, 'kb');
  const list = join(root, 'world.json');
  writeFileSync(list, `\uFEFF${JSON.stringify(hipo)}`); // with a byte-order mark
  const first = await run(['kb', 'import', '--format', 'hipo', list, '--out', kb]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /imported 2 institutions/);
  const papers = join(root, 'conf2024.json');
  writeFileSync(papers, JSON.stringify([{ id: 'a', title: 'An invented paper', author: 'Ann Example', aff: 'Example Institute of Technology' }]));
  const before = snapshot(root);
  for (const format of ['hipo', 'ror']) {
    const result = await run(['kb', 'import', '--format', format, papers, '--out', kb, '--name', 'hipo.json']);
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`conf2024\\.json: does not look like a ${format} file \\(none of its 1 records is an institution: 1 .*\\); nothing was written, .*hipo\\.json is kept`));
  }
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
  assert.equal(JSON.parse(readFileSync(join(kb, 'hipo.json'), 'utf8')).length, 2);
});

test('an existing file that is not a knowledge-base file is not overwritten; --name is a plain file name', async () => {
  const root = tempDir();
  const list = join(root, 'world.json');
  writeFileSync(list, JSON.stringify(hipo));
  writeFileSync(join(root, 'notes.json'), '{"mine": true}');
  const before = snapshot(root);
  const foreign = await run(['kb', 'import', '--format', 'hipo', list, '--out', root, '--name', 'notes.json']);
  assert.equal(foreign.code, 1);
  assert.match(foreign.stderr, /notes\.json: exists and is not a knowledge-base institution file/);
  const escape = await run(['kb', 'import', '--format', 'hipo', list, '--out', root, '--name', '../x.json']);
  assert.equal(escape.code, 1);
  assert.match(escape.stderr, /--name must be a file name ending in \.json, without a folder/);
  assert.deepEqual(changedPaths(before, snapshot(root)), []);
});
