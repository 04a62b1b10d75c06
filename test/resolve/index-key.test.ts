// The prebuilt index's key (src/resolve/index-key.ts): a hash of the inputs' contents, remembered under a
// stamp of the files, so a file rewritten with other content of the same size still gives another key,
// and the same content again the first key; the remembered stamps are no source of errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexKey } from '../../src/resolve/index-key.js';
import { indexInputs } from '../../src/resolve/index.js';

const home = mkdtempSync(join(tmpdir(), 'collabscope-indexkey-'));
process.env.COLLABSCOPE_HOME = home;
const kbDir = join(home, 'imports');
mkdirSync(kbDir, { recursive: true });
const file = join(kbDir, 'invented.json');
const inputs = () => indexInputs({ kbDirs: [kbDir], swot: false });
const stampsFile = join(home, 'cache', 'index-key-stamps.json');

test('the key follows the content: same size, other bytes gives another key; the same bytes again the first key', () => {
  writeFileSync(file, JSON.stringify([{ id: 'nz-aaaa', name: 'Aaaa Institute', country: 'NZ', sector: 'education' }]));
  const first = indexKey(inputs());
  assert.match(first, /^[0-9a-f]{24}$/);
  assert.equal(indexKey(inputs()), first);
  writeFileSync(file, JSON.stringify([{ id: 'nz-bbbb', name: 'Bbbb Institute', country: 'NZ', sector: 'education' }]));
  const second = indexKey(inputs());
  assert.notEqual(second, first);
  writeFileSync(file, JSON.stringify([{ id: 'nz-aaaa', name: 'Aaaa Institute', country: 'NZ', sector: 'education' }]));
  assert.equal(indexKey(inputs()), first, 'a key is a hash of contents, not of the stamp');
});

test('keys are remembered in the user cache; a damaged list is ignored and rewritten', () => {
  const key = indexKey(inputs());
  assert.ok(Object.values(JSON.parse(readFileSync(stampsFile, 'utf8')) as Record<string, string>).includes(key));
  writeFileSync(stampsFile, '{not json');
  writeFileSync(file, JSON.stringify([{ id: 'nz-cccc', name: 'Cccc Institute', country: 'NZ', sector: 'education' }]));
  const changed = indexKey(inputs());
  assert.notEqual(changed, key);
  assert.ok(Object.values(JSON.parse(readFileSync(stampsFile, 'utf8')) as Record<string, string>).includes(changed));
});

test('COLLABSCOPE_INDEX_CACHE=off: the key is computed, nothing is written', () => {
  process.env.COLLABSCOPE_INDEX_CACHE = 'off';
  try {
    writeFileSync(stampsFile, '{}');
    writeFileSync(file, JSON.stringify([{ id: 'nz-dddd', name: 'Dddd Institute', country: 'NZ', sector: 'education' }]));
    assert.match(indexKey(inputs()), /^[0-9a-f]{24}$/);
    assert.equal(readFileSync(stampsFile, 'utf8'), '{}');
  } finally {
    delete process.env.COLLABSCOPE_INDEX_CACHE;
  }
});
