// NeurIPS virtual site through a local stand-in: paging, abstracts file, repeats, tracks, faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fetchSource } from '../../src/fetch/index.js';
import { HttpClient } from '../../src/fetch/http.js';
import { readSource } from '../../src/sources/index.js';
import { CollabscopeError } from '../../src/errors.js';
import { faults } from '../mocks/http-mock.js';
import { startNeuripsMock } from '../mocks/services.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-neurips-'));
const client = (cacheDir = tempDir()) => new HttpClient({ cacheDir, sleep: async () => {}, random: () => 0.5, retries: 3 });

test('fetch neurips requests the real path on --base-url, follows next, merges abstracts', async () => {
  const server = await startNeuripsMock();
  try {
    const out = join(tempDir(), 'neurips-2025-orals-posters.json');
    const outcome = await fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out, client: client() });
    assert.deepEqual(
      server.requests.map((r) => r.url.pathname + r.url.search),
      [
        '/static/virtual/data/neurips-2025-orals-posters.json',
        '/static/virtual/data/neurips-2025-orals-posters.json?page=2',
        '/static/virtual/data/neurips-2025-abstracts.json',
      ],
    );
    assert.equal(outcome.records, 6);
    assert.equal(outcome.papers, 5);
    assert.ok(outcome.notes.some((n) => /4 abstracts taken from neurips-2025-abstracts\.json/.test(n)));
    assert.ok(outcome.notes.some((n) => /6 records: 5 papers, 1 repeated entries of a paper/.test(n)));

    // The file written is one the analyze adapters read: deduplicated, tracks recorded, abstracts in.
    const { papers, skipped } = readSource(out);
    assert.equal(papers.length, 5);
    assert.equal(skipped.filter((s) => s.code === 'repeat').length, 1);
    const byTitle = new Map(papers.map((p) => [p.title, p]));
    assert.equal(byTitle.get('OceanBench: A Benchmark for Ocean Forecasting')?.track, 'datasets-benchmarks');
    assert.equal(byTitle.get('Position: Benchmarks Should Report Compute')?.track, 'position-paper');
    assert.equal(byTitle.get('Learning to Route Tokens in Multilingual Models')?.track, 'main');
    assert.match(byTitle.get('Scaling Sparse Mixtures of Experts Across Continents')?.abstract ?? '', /Sparse mixtures of experts/);
    assert.deepEqual(byTitle.get('Scaling Sparse Mixtures of Experts Across Continents')?.authors.map((a) => a.affiliations[0]), ['Tsinghua University', 'Stanford University']);
    assert.equal(papers[0].venue, 'NeurIPS');
    assert.equal(papers[0].year, 2025);
  } finally {
    await server.close();
  }
});

test('a one-page feed is written exactly as served; a missing abstracts file is a note', async () => {
  const server = await startNeuripsMock();
  try {
    const dir = tempDir();
    const outcome = await fetchSource({ source: 'neurips', year: 2024, baseUrl: server.baseUrl, out: `${dir}/`, client: client() });
    assert.equal(outcome.path, join(dir, 'neurips-2024-orals-posters.json'));
    const served = readFileSync(join(import.meta.dirname, '..', 'sources', 'fixtures', 'neurips-2025-orals-posters.json'));
    assert.deepEqual(readFileSync(outcome.path), served);
    assert.ok(outcome.notes.some((n) => /no neurips-2024-abstracts\.json/.test(n)));
  } finally {
    await server.close();
  }
});

test('500 on a page then success; the second run revalidates from the cache', async () => {
  const server = await startNeuripsMock();
  try {
    server.fail('/static/virtual/data/neurips-2025-orals-posters.json', faults.serverError(500), faults.tooMany('1'));
    const cacheDir = tempDir();
    const out = join(tempDir(), 'n.json');
    await fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out, client: client(cacheDir) });
    const first = readFileSync(out);
    const before = server.requests.length;
    await fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out, client: client(cacheDir) });
    assert.deepEqual(readFileSync(out), first);
    const again = server.requests.slice(before);
    assert.ok(again.every((r) => r.headers['if-none-match'] || r.headers['if-modified-since']), 'every request of the second run is a revalidation');
    // offline: the same file from the cache alone
    const offlineOut = join(tempDir(), 'o.json');
    await fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out: offlineOut, client: new HttpClient({ cacheDir, offline: true }) });
    assert.deepEqual(readFileSync(offlineOut), first);
  } finally {
    await server.close();
  }
});

test('malformed JSON or a truncated body leaves no output file', async () => {
  const server = await startNeuripsMock();
  try {
    const dir = tempDir();
    server.fail('/static/virtual/data/neurips-2025-orals-posters.json', faults.malformed());
    await assert.rejects(
      fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out: join(dir, 'x.json'), client: client() }),
      (e: CollabscopeError) => e.code === 'E_BAD_JSON' && /neurips-2025-orals-posters\.json: malformed JSON/.test(e.message),
    );
    server.fail('/static/virtual/data/neurips-2025-orals-posters.json', faults.truncate(), faults.truncate());
    await assert.rejects(
      fetchSource({ source: 'neurips', year: 2025, baseUrl: server.baseUrl, out: join(dir, 'x.json'), client: new HttpClient({ cacheDir: tempDir(), sleep: async () => {}, retries: 1 }) }),
      (e: CollabscopeError) => e.code === 'E_NETWORK' && /truncated response/.test(e.message),
    );
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    await server.close();
  }
});

test('a year the site does not have is a clear error', async () => {
  const server = await startNeuripsMock();
  try {
    await assert.rejects(
      fetchSource({ source: 'neurips', year: 2031, baseUrl: server.baseUrl, out: join(tempDir(), 'x.json'), client: client() }),
      (e: CollabscopeError) => e.code === 'E_NOT_FOUND' && /neurips-2031-orals-posters\.json: not found/.test(e.message),
    );
  } finally {
    await server.close();
  }
});
