// The corpus-context pass inside analyze: a paper whose only candidate is a slot no author holds (more
// affiliation slots than authors) is kept for rewriting like any other, so the spelled-out reading of
// that slot reaches papers.jsonl (it used to fail: the paper had been written and forgotten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-spelled-run-'));
const { runAnalyze } = await import('../../src/run.js');
const { readPapers } = await import('../../src/output.js');
const { DEFAULT_DEFINITIONS } = await import('../../src/types.js');

test('an acronym in a slot past the last author, spelled out by an author of its paper, is read in analyze', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-spelled-run-input-'));
  const kb = join(dir, 'kb');
  mkdirSync(kb);
  writeFileSync(join(kb, 'invented.json'), JSON.stringify([
    { id: 'zz-zql', name: 'Zorbe Quantum Laboratory', country: 'NZ', sector: 'government', aliases: [], acronyms: [], domains: [] },
  ]));
  const file = join(dir, 'invented2024.json');
  writeFileSync(file, JSON.stringify([
    { id: 'a1', title: 'An invented paper', author: 'Ann Example; Bo Sample', aff: 'Zorbe Quantum Laboratory; Zorbe Quantum Laboratory; ZQL' },
    { id: 'a2', title: 'Another invented paper', author: 'Cy Person', aff: 'Zorbe Quantum Laboratory' },
  ]));
  const out = join(dir, 'out');
  await runAnalyze({ files: [file], out, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, kbDirs: [kb], workers: 1, venue: 'TESTCONF', year: 2024 } as Parameters<typeof runAnalyze>[0]);
  const [first] = readPapers(out);
  const slot = first.unattributed?.[0];
  assert.equal(slot?.raw, 'ZQL');
  assert.equal(slot?.method, 'corpus-context');
  assert.equal(slot?.institutionId, 'zz-zql');
  assert.equal(slot?.country, 'NZ');
});
