// OpenAlex through a local stand-in: cursor paging, rows for analyze, credentials kept out of the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fetchSource } from '../../src/fetch/index.js';
import { HttpClient } from '../../src/fetch/http.js';
import { abstractFromIndex, openAlexSourceFor } from '../../src/fetch/openalex.js';
import { readSource } from '../../src/sources/index.js';
import { CollabscopeError } from '../../src/errors.js';
import { faults } from '../mocks/http-mock.js';
import { startOpenAlexMock } from '../mocks/services.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-openalex-'));
const client = (cacheDir = tempDir()) => new HttpClient({ cacheDir, sleep: async () => {}, random: () => 0.5, retries: 3 });

test('the abstract is rebuilt from the inverted index', () => {
  assert.equal(abstractFromIndex({ world: [1], hello: [0], again: [3], ',': [2] }), 'hello world , again');
  assert.equal(abstractFromIndex(null), null);
});

test('venues map to OpenAlex sources; an override must be a source id', () => {
  assert.equal(openAlexSourceFor('neurips'), 'S4306420609');
  assert.equal(openAlexSourceFor('iclr', 'https://openalex.org/s123'), 'S123');
  assert.throws(() => openAlexSourceFor('iclr'), /no known OpenAlex source for "iclr"/);
  assert.throws(() => openAlexSourceFor('neurips', 'Neural Information'), /--openalex-source must be an OpenAlex source id/);
});

test('fetch openalex follows next_cursor to the empty page and writes rows analyze reads', async () => {
  const server = await startOpenAlexMock();
  try {
    const out = join(tempDir(), 'neurips2025-openalex.jsonl');
    const env = { OPENALEX_MAILTO: 'me@example.org', OPENALEX_API_KEY: 'SECRETKEY' };
    const c = client();
    const outcome = await fetchSource({ source: 'openalex', year: 2025, baseUrl: server.baseUrl, out, client: c, pageSize: 2, env });
    const cursors = server.hits('/works').map((r) => r.url.searchParams.get('cursor'));
    assert.equal(cursors.length, 4, 'three pages of works and the closing empty page');
    assert.equal(cursors[0], '*');
    const first = server.requests[0].url.searchParams;
    assert.equal(first.get('filter'), 'locations.source.id:S4306420609,publication_year:2025');
    assert.equal(first.get('per-page'), '2');
    assert.equal(first.get('mailto'), 'me@example.org');
    assert.equal(first.get('api_key'), 'SECRETKEY');
    assert.match(first.get('select') ?? '', /authorships/);
    assert.equal(outcome.records, 5);

    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows[0].id, 'W4410000001');
    assert.equal(rows[0].abstract, 'Sparse mixtures of experts scale language models.');
    assert.deepEqual(rows[0].authors[0], { name: 'Wei Zhang', affiliations: ['Tsinghua University, China'], email_domain: null, ids: ['A5100000001'] });
    assert.deepEqual(rows[3].authors[1].affiliations, ['University of São Paulo, Brazil'], 'raw strings when OpenAlex has no institution');
    assert.equal(rows[3].doi, '10.52202/079017-0001');
    assert.equal(rows[3].url, 'https://doi.org/10.52202/079017-0001');
    const { papers } = readSource(out);
    assert.equal(papers.length, 5);
    assert.equal(papers[0].venue, 'NeurIPS');
    assert.deepEqual(papers[0].keywords, ['Mixture of experts']);

    for (const file of readdirSync(c.cacheDir, { recursive: true }) as string[]) {
      if (file.endsWith('.json')) assert.doesNotMatch(readFileSync(join(c.cacheDir, file), 'utf8'), /SECRETKEY/);
    }
  } finally {
    await server.close();
  }
});

test('a page cut off mid-body is fetched again; interrupted runs resume from cached pages', async () => {
  const server = await startOpenAlexMock();
  try {
    const cacheDir = tempDir();
    server.fail('/works', faults.truncate());
    await fetchSource({ source: 'openalex', year: 2025, baseUrl: server.baseUrl, out: join(tempDir(), 'a.jsonl'), client: client(cacheDir), pageSize: 2 });
    const requests = server.requests.length;
    // every page is in the cache now: a second run within a day asks nothing
    await fetchSource({ source: 'openalex', year: 2025, baseUrl: server.baseUrl, out: join(tempDir(), 'b.jsonl'), client: client(cacheDir), pageSize: 2 });
    assert.equal(server.requests.length, requests);
  } finally {
    await server.close();
  }
});

test('malformed JSON on a later page: an error, no output, earlier pages kept for the next run', async () => {
  const server = await startOpenAlexMock();
  try {
    const cacheDir = tempDir();
    const out = join(tempDir(), 'c.jsonl');
    const c = client(cacheDir);
    server.failWhen((r) => r.path === '/works' && r.url.searchParams.get('cursor') !== '*', faults.malformed());
    await assert.rejects(
      fetchSource({ source: 'openalex', year: 2025, baseUrl: server.baseUrl, out, client: c, pageSize: 2 }),
      (e: CollabscopeError) => e.code === 'E_BAD_JSON' && /works\?filter=.*malformed JSON/.test(e.message),
    );
    assert.equal(existsSync(out), false);
    const before = server.requests.length;
    await fetchSource({ source: 'openalex', year: 2025, baseUrl: server.baseUrl, out, client: client(cacheDir), pageSize: 2 });
    assert.equal(server.requests.length - before, 3, 'the first page came from the cache');
  } finally {
    await server.close();
  }
});
