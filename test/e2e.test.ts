// End to end over the real shared paper lists: every record becomes a row; the headline holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../src/run.js';
import { readPapers } from '../src/output.js';
import { DEFAULT_DEFINITIONS } from '../src/types.js';
import { LABEL_FIELD, NO_PAPERLISTS, paperListFiles } from './shared.js';

/** A copy of a shared list with Paper Copilot's label fields (and optionally e-mails) removed. */
function strippedCopy(path: string, dir: string, dropEmail = false): string {
  const records = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  const stripped = records.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !LABEL_FIELD.test(k) && !(dropEmail && (k === 'aff_domain' || k === 'email')))),
  );
  const out = join(dir, basename(path));
  writeFileSync(out, JSON.stringify(stripped));
  return out;
}

test('nips2018 without label fields: 1009 rows, pair count = rows with both US and CN', { skip: NO_PAPERLISTS }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-e2e-'));
  const input = strippedCopy(paperListFiles((f) => f === 'nips2018.json')[0], dir);
  const out = join(dir, 'out');
  const { summary } = await runAnalyze({ files: [input], out, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS });
  const papers = readPapers(out);
  assert.equal(papers.length, 1009);
  const both = papers.filter((p) => p.countries.includes('US') && p.countries.includes('CN')).length;
  assert.equal(summary.pairs['US-CN'].papers, both);
  assert.ok(both > 20, `expected a real number of US-CN papers, got ${both}`);
  const summaryFile = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summaryFile.papers, 1009);
  assert.equal(summaryFile.pairs['US-CN'].papers, both);
  for (const paper of papers) {
    assert.deepEqual(paper.countries, [...paper.countries].sort());
    assert.ok(paper.countries.every((c) => /^[A-Z]{2}$/.test(c)));
  }
});

test('every shared paper list, strings only: one row per record (a repeated record once), in input order', { skip: NO_PAPERLISTS }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-e2e-all-'));
  const files = paperListFiles().map((f) => strippedCopy(f, dir, true));
  const out = join(dir, 'out');
  await runAnalyze({ files, out, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true });
  const papers = readPapers(out);
  let expected = 0;
  for (const file of files) expected += (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length;
  // a record listing an earlier record's paper again (same id, title, authors) is a skip, not a row
  const skipped = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { skipped: { byCode: Record<string, number> } }).skipped.byCode;
  assert.equal(papers.length, expected - (skipped['repeated-record'] ?? 0));
  assert.equal(new Set(papers.map((p) => p.id)).size, papers.length);
  const positions = papers.filter((p) => p.source.file === 'nips2018.json').map((p) => p.source.index);
  assert.deepEqual(positions, positions.map((_, i) => i));
});
