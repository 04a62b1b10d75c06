// OpenReview API v2 through a local stand-in: accepted notes of both NeurIPS tracks, paging, profiles,
// the affiliation valid in the paper's year, credentials, and a rate limit on the profiles endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fetchSource } from '../../src/fetch/index.js';
import { HttpClient } from '../../src/fetch/http.js';
import { affiliationsInYear, parseVenueId } from '../../src/fetch/openreview.js';
import { readSource } from '../../src/sources/index.js';
import { faults } from '../mocks/http-mock.js';
import { startOpenReviewMock } from '../mocks/services.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-openreview-'));
const newClient = () => {
  const sleeps: number[] = [];
  return { sleeps, client: new HttpClient({ cacheDir: tempDir(), sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, retries: 3 }) };
};

test('venue ids name the venue, year and track', () => {
  assert.deepEqual(parseVenueId('NeurIPS.cc/2025/Conference'), { venue: 'NeurIPS', year: 2025, track: 'main' });
  assert.deepEqual(parseVenueId('NeurIPS.cc/2025/Datasets_and_Benchmarks_Track'), { venue: 'NeurIPS', year: 2025, track: 'datasets-benchmarks' });
  assert.deepEqual(parseVenueId('ICML.cc/2025/Position_Paper_Track'), { venue: 'ICML', year: 2025, track: 'position-paper' });
});

test('the history entries valid in the year: current, dual, internships dropped, ended the year before', () => {
  const h = (position: string, start: unknown, end: unknown, name: string) => ({ position, start, end, institution: { name, domain: 'x.org', country: 'US' } });
  const names = (entries: ReturnType<typeof affiliationsInYear>) => entries.map((e) => e.institution?.name);
  assert.deepEqual(names(affiliationsInYear([h('PhD', 2021, null, 'A'), h('Intern', 2025, 2025, 'G')], 2025)), ['A']);
  assert.deepEqual(names(affiliationsInYear([h('Intern', 2025, 2025, 'G')], 2025)), ['G']);
  assert.deepEqual(names(affiliationsInYear([h('Prof', 2019, null, 'S'), h('Visiting', 2024, 2026, 'M')], 2025)), ['S', 'M']);
  assert.deepEqual(names(affiliationsInYear([h('Prof', 2010, 2024, 'T'), h('Prof', 2026, null, 'N')], 2025)), ['T']);
  assert.deepEqual(names(affiliationsInYear([h('Prof', 2010, 2020, 'Old')], 2025)), []);
  assert.deepEqual(names(affiliationsInYear([h('Prof', '2022', '', 'Str')], 2025)), ['Str']);
});

test('fetch openreview: both tracks, paged notes and profiles, affiliations of the paper year', async () => {
  const server = await startOpenReviewMock();
  try {
    const { client } = newClient();
    const out = join(tempDir(), 'neurips2025-openreview.jsonl');
    const outcome = await fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out, client, pageSize: 2 });
    assert.equal(outcome.papers, 4);
    const noteRequests = server.hits('/notes').map((r) => `${r.url.searchParams.get('content.venueid')} ${r.url.searchParams.get('offset')}`);
    assert.deepEqual(noteRequests, ['NeurIPS.cc/2025/Conference 0', 'NeurIPS.cc/2025/Conference 2', 'NeurIPS.cc/2025/Datasets_and_Benchmarks_Track 0']);
    assert.ok(server.hits('/profiles').length >= 2, 'profiles are fetched in batches');

    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const moe = byId.get('7HVADbW8fh');
    assert.equal(moe.venue, 'NeurIPS');
    assert.equal(moe.year, 2025);
    assert.equal(moe.track, 'main');
    assert.equal(moe.status, 'NeurIPS 2025 oral');
    assert.equal(moe.topic, 'deep_learning');
    assert.deepEqual(moe.keywords, ['mixture of experts', 'scaling']);
    assert.equal(moe.url, 'https://openreview.net/forum?id=7HVADbW8fh');
    assert.deepEqual(
      moe.authors.map((a: { name: string; affiliations: string[]; email_domain: string }) => [a.name, a.affiliations, a.email_domain]),
      [
        ['Wei Zhang', ['Tsinghua University, China'], 'tsinghua.edu.cn'],
        ['Emily Carter', ['Stanford University, United States', 'Meta, United States'], 'stanford.edu'],
        ['Bob Smith', ['Mila - Quebec AI Institute, Canada'], 'mila.quebec'],
      ],
    );
    assert.deepEqual(moe.authors[2].ids, ['~Bob_Smith1'], 'a merged profile answers for its old username');
    const diffusion = byId.get('Q2xVb81LmP');
    assert.deepEqual(diffusion.authors.map((a: { affiliations: string[] }) => a.affiliations), [['Google DeepMind, United Kingdom'], ['The University of Tokyo, Japan']]);
    const routing = byId.get('Rt9uMm20Qa');
    assert.deepEqual(routing.authors[2], { name: 'Alice Moreau', affiliations: [], email_domain: 'inria.fr' });
    const ocean = byId.get('Zk41Pq0dLs');
    assert.equal(ocean.track, 'datasets-benchmarks');
    assert.deepEqual(ocean.authors[1].affiliations, ['Universidade de São Paulo, Brazil']);
    assert.ok(outcome.notes.some((n) => /1 authors have no OpenReview profile/.test(n)));

    // analyze reads it through the JSONL adapter
    const { papers } = readSource(out);
    assert.equal(papers.length, 4);
    assert.deepEqual(papers[0].authors[0].affiliations, ['Tsinghua University, China']);
    assert.equal(papers[0].authors[0].emailDomain, 'tsinghua.edu.cn');
    assert.equal(papers.find((p) => p.sourceId === 'Zk41Pq0dLs')?.track, 'datasets-benchmarks');
  } finally {
    await server.close();
  }
});

test('credentials from the environment: login, then a bearer token on every request', async () => {
  const server = await startOpenReviewMock({ token: 'tok-123' });
  try {
    const { client } = newClient();
    const env = { OPENREVIEW_USERNAME: 'me@example.org', OPENREVIEW_PASSWORD: 'secret' };
    await fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out: join(tempDir(), 'o.jsonl'), client, env });
    assert.equal(server.requests[0].method, 'POST');
    assert.equal(server.requests[0].path, '/login');
    assert.ok(server.requests.slice(1).every((r) => r.headers.authorization === 'Bearer tok-123'));
    const { client: second } = newClient();
    await fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out: join(tempDir(), 'o.jsonl'), client: second, env: { OPENREVIEW_TOKEN: 'tok-123' } });
    await assert.rejects(
      fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out: join(tempDir(), 'o.jsonl'), client: newClient().client, env: { OPENREVIEW_USERNAME: 'me@example.org', OPENREVIEW_PASSWORD: 'wrong' } }),
      /login: HTTP 400/,
    );
  } finally {
    await server.close();
  }
});

test('429 with Retry-After on profiles and a 500 on notes are retried; nothing partial on failure', async () => {
  const server = await startOpenReviewMock();
  try {
    server.fail('/profiles', faults.tooMany('3'));
    server.fail('/notes', faults.serverError(500));
    const { client, sleeps } = newClient();
    const out = join(tempDir(), 'o.jsonl');
    const outcome = await fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out, client });
    assert.equal(outcome.papers, 4);
    assert.ok(sleeps.includes(3000), `waited for Retry-After: ${sleeps}`);

    server.fail('/profiles', faults.malformed());
    const failedOut = join(tempDir(), 'failed.jsonl');
    await assert.rejects(fetchSource({ source: 'openreview', year: 2025, baseUrl: server.baseUrl, out: failedOut, client: newClient().client }), /profiles\?ids=.*malformed JSON/);
    assert.throws(() => readFileSync(failedOut), /ENOENT/);
  } finally {
    await server.close();
  }
});
