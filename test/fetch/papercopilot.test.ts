// Paper Copilot lists through a stand-in of raw.githubusercontent.com at the paperlists repository paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fetchSource } from '../../src/fetch/index.js';
import { HttpClient } from '../../src/fetch/http.js';
import { paperCopilotUrl } from '../../src/fetch/papercopilot.js';
import { readSource } from '../../src/sources/index.js';
import { CollabscopeError } from '../../src/errors.js';
import { faults } from '../mocks/http-mock.js';
import { fixtureText, startPaperCopilotMock } from '../mocks/services.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-pc-'));
const client = () => new HttpClient({ cacheDir: tempDir(), sleep: async () => {}, random: () => 0.5, retries: 3 });

test('the repository layout: <folder>/<folder><year>.json, NeurIPS under nips', () => {
  assert.equal(paperCopilotUrl('neurips', 2024), 'https://raw.githubusercontent.com/papercopilot/paperlists/main/nips/nips2024.json');
  assert.equal(paperCopilotUrl('iclr', 2025, 'http://127.0.0.1:9'), 'http://127.0.0.1:9/papercopilot/paperlists/main/iclr/iclr2025.json');
});

test('fetch papercopilot writes the list as served; a list without affiliations says so', async () => {
  const server = await startPaperCopilotMock();
  try {
    const dir = tempDir();
    server.fail('/papercopilot/', faults.serverError(503));
    const outcome = await fetchSource({ source: 'papercopilot', year: 2024, baseUrl: server.baseUrl, out: `${dir}/`, client: client() });
    assert.equal(outcome.path, join(dir, 'nips2024.json'));
    assert.equal(readFileSync(outcome.path, 'utf8'), fixtureText('nips2024.json'));
    assert.equal(server.requests.at(-1)?.path, '/papercopilot/paperlists/main/nips/nips2024.json');
    assert.ok(outcome.notes.some((n) => /no affiliations/.test(n)));
    const { papers } = readSource(outcome.path);
    assert.equal(papers.length, 3);
    assert.equal(papers[1].authors.length, 8);
  } finally {
    await server.close();
  }
});

test('lists with rejected submissions and an `authors` field: analyze keeps accepted papers only', async () => {
  const server = await startPaperCopilotMock();
  try {
    const outcome = await fetchSource({ source: 'papercopilot', year: 2023, baseUrl: server.baseUrl, out: `${tempDir()}/`, client: client() });
    assert.ok(outcome.notes.some((n) => /1 records are rejected or withdrawn/.test(n)));
    const { papers, skipped } = readSource(outcome.path);
    assert.deepEqual(papers.map((p) => p.sourceId), ['nI7EmXq2PL', 'haHIji0yFt']);
    assert.deepEqual(papers[0].authors.map((a) => a.name), ['Anqi Mao', 'Mehryar Mohri', 'Yutao Zhong']);
    assert.equal(skipped[0].code, 'not-accepted');
  } finally {
    await server.close();
  }
});

test('a venue-year the repository lacks is a clear error; a truncated list is retried', async () => {
  const server = await startPaperCopilotMock();
  try {
    await assert.rejects(
      fetchSource({ source: 'papercopilot', year: 2019, venue: 'iclr', baseUrl: server.baseUrl, out: `${tempDir()}/`, client: client() }),
      (e: CollabscopeError) => e.code === 'E_NOT_FOUND' && /iclr2019\.json: not found \(Paper Copilot has no list for ICLR 2019\)/.test(e.message),
    );
    server.fail('/papercopilot/', faults.truncate());
    const outcome = await fetchSource({ source: 'papercopilot', year: 2018, baseUrl: server.baseUrl, out: `${tempDir()}/`, client: client() });
    assert.equal(outcome.papers, 5);
  } finally {
    await server.close();
  }
});
