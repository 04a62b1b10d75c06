// compare DIR --with openalex against the OpenAlex stand-in: matching by DOI and title, agreement,
// papers whose country sets differ, per-country differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { HttpClient } from '../../src/fetch/http.js';
import { compareWithOpenAlex, renderCompareText } from '../../src/fetch/compare.js';
import { normalizeTitle } from '../../src/fetch/common.js';
import { startOpenAlexMock } from '../mocks/services.js';
import { writeRun } from '../mocks/analyze-run.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-compare-'));

test('titles are matched without case, accents, markup or punctuation', () => {
  assert.equal(normalizeTitle('Learning to Route Tokens in Multilingual Models.'), normalizeTitle('learning to route tokens in multilingual models'));
  assert.equal(normalizeTitle('Über <i>Café</i>: α-Tests'), 'uber cafe tests');
});

test('compare reports agreement, differing papers and per-country differences', async () => {
  const server = await startOpenAlexMock();
  try {
    const dir = writeRun(tempDir());
    const client = new HttpClient({ cacheDir: tempDir(), sleep: async () => {}, retries: 1 });
    const report = await compareWithOpenAlex({ dir, ctx: { client, baseUrl: server.baseUrl, pageSize: 2 }, pair: ['US', 'CN'] });
    assert.deepEqual(report.papers, { ours: 6, theirs: 5, matched: 4, byDoi: 1, byTitle: 3, unmatchedOurs: 2, unmatchedTheirs: 1 });
    assert.deepEqual(report.countries, { comparable: 4, agree: 3, differ: 1, agreement: 0.75, emptyOurs: 0, emptyTheirs: 0 });
    assert.equal(report.differences.length, 1);
    assert.deepEqual(report.differences[0], {
      id: 'neurips-2025-3',
      title: 'Learning to Route Tokens in Multilingual Models',
      venue: 'NeurIPS',
      year: 2025,
      openalexId: 'W4410000003',
      ours: ['CN', 'FR', 'IN'],
      theirs: ['CN', 'FR', 'US'],
      onlyOurs: ['IN'],
      onlyTheirs: ['US'],
    });
    const us = report.perCountry.find((r) => r.country === 'US')!;
    assert.deepEqual(us, { country: 'US', ours: 1, theirs: 2, both: 1, onlyOurs: 0, onlyTheirs: 1 });
    assert.deepEqual(report.perCountry.slice(0, 2).map((r) => r.country).sort(), ['IN', 'US']);
    assert.deepEqual(report.pair, { pair: ['US', 'CN'], ours: 1, theirs: 2, both: 1 });
    const text = renderCompareText(report);
    assert.match(text, /matched 4 \(by DOI 1, by title 3\)/);
    assert.match(text, /3 agree \(75\.0%\), 1 differ/);
    assert.match(text, /ours CN,FR,IN \| OpenAlex CN,FR,US \(W4410000003\) \| only ours: IN; only OpenAlex: US/);
  } finally {
    await server.close();
  }
});

test('a venue without a known OpenAlex source is noted, not fetched', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'papers.jsonl'), JSON.stringify({ id: 'x', venue: 'COLM', year: 2024, title: 'T', url: null, countries: ['US'], authors: [] }) + '\n');
  const client = new HttpClient({ cacheDir: tempDir(), offline: true });
  const report = await compareWithOpenAlex({ dir, ctx: { client } });
  assert.equal(report.papers.unmatchedOurs, 1);
  assert.match(report.notes[0], /COLM 2024: no OpenAlex source known; pass --openalex-source COLM=S/);
});
