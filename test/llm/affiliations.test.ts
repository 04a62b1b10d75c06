import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { askAboutStrings, estimateAffiliationRun, llmCandidates, resolveWithLlm, validateAnswer, type LlmRunOptions } from '../../src/llm/affiliations.js';
import type { Affiliation, Paper } from '../../src/types.js';
import { startMockLlm, type ChatRequest, type ScriptedReply } from '../mocks/llm-server.js';

const unresolved = (raw: string): Affiliation => ({ raw, institution: null, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason: 'no institution found' });
const resolved = (raw: string, country: string): Affiliation => ({ raw, institution: raw, institutionId: null, country, hqCountry: null, sector: 'education', confidence: 0.95, method: 'alias', evidence: [] });

function corpus(): Paper[] {
  const paper = (id: string, affiliations: Affiliation[]): Paper => ({
    id, source: { file: 'f', index: 0 }, venue: 'V', year: 2024, title: id, track: null, status: null, topic: null, keywords: [], url: null,
    authors: affiliations.map((a, i) => ({ name: `a${i}`, affiliations: [a] })), countries: [], fields: [], fieldEvidence: [], technologies: [],
  });
  return [
    paper('p1', [unresolved('Zentrum fur Forschung Gutenberg'), resolved('MIT', 'US')]),
    paper('p2', [unresolved('Zentrum fur Forschung Gutenberg'), unresolved('Independent Researcher')]),
    paper('p3', [unresolved('Weird Lab 42')]),
  ];
}

const answer = (o: object): ScriptedReply => ({ content: JSON.stringify(o) });
const good = { institution: 'Gutenberg Research Centre', country: 'DE', sector: 'nonprofit', confidence: 0.8 };

function byString(replies: Record<string, ScriptedReply[]>) {
  const served: Record<string, number> = {};
  return (request: ChatRequest): ScriptedReply => {
    const raw = request.messages[1].content;
    const n = (served[raw] = (served[raw] ?? -1) + 1);
    const list = replies[raw] ?? [answer({ institution: null, country: null, sector: null, confidence: 0 })];
    return list[Math.min(n, list.length - 1)];
  };
}

function options(baseUrl: string, extra: Partial<LlmRunOptions> = {}): LlmRunOptions {
  return {
    endpoint: { baseUrl, model: 'test-model', apiKey: 'k', timeoutMs: 500, maxAttempts: 3, sleep: async () => {} },
    cachePath: join(mkdtempSync(join(tmpdir(), 'collabscope-llm-')), 'cache.jsonl'),
    threshold: 0.5, maxRequests: 100, concurrency: 2, ...extra,
  };
}

test('answers are validated: JSON, exact keys, ISO country code, sector', () => {
  assert.equal(validateAnswer(JSON.stringify(good)).ok, true);
  assert.match((validateAnswer('not json') as { reason: string }).reason, /not JSON/);
  assert.match((validateAnswer(JSON.stringify({ ...good, country: 'Germany' })) as { reason: string }).reason, /country/);
  assert.match((validateAnswer(JSON.stringify({ ...good, country: 'XX' })) as { reason: string }).reason, /country/);
  assert.match((validateAnswer(JSON.stringify({ ...good, extra: 1 })) as { reason: string }).reason, /Unrecognized key/);
  assert.match((validateAnswer(JSON.stringify({ ...good, sector: 'church' })) as { reason: string }).reason, /sector/);
});

test('valid answers resolve, invalid ones are retried once then left with the reason; a second run asks only what was refused', async () => {
  const server = await startMockLlm(byString({
    'Zentrum fur Forschung Gutenberg': [answer(good)],
    'Weird Lab 42': [{ content: 'I think it is in Germany' }, answer({ ...good, country: 'Deutschland' })],
  }));
  try {
    const papers = corpus();
    const opts = options(server.baseUrl);
    const report = await resolveWithLlm(papers, opts);
    assert.equal(report.candidates, 3);
    assert.equal(report.requests, 4); // Gutenberg once, Independent once, Weird Lab twice
    assert.equal(report.resolved, 1);
    assert.equal(report.changedAffiliations, 2);
    const changed = papers[0].authors[0].affiliations[0];
    assert.equal(changed.method, 'llm');
    assert.equal(changed.model, 'test-model');
    assert.equal(changed.country, 'DE');
    assert.deepEqual(papers[0].authors[1].affiliations[0], resolved('MIT', 'US'));
    const weird = papers[2].authors[0].affiliations[0];
    assert.equal(weird.country, null);
    assert.match(weird.reason ?? '', /invalid answer twice \(country/);
    assert.ok(report.notAnswered.some((n) => n.raw === 'Independent Researcher'));
    assert.equal(server.requests[0].authorization, 'Bearer k');

    const again = corpus();
    const before = server.requests.length;
    const second = await resolveWithLlm(again, opts);
    // accepted answers (Gutenberg, and Independent's "no institution") come from the cache; the refused
    // one is not kept, so Weird Lab is asked again (and refused again: twice)
    assert.equal(server.requests.length, before + 2, 'the second run asks only the refused string');
    assert.equal(second.requests, 2);
    assert.equal(second.fromCache, 2);
    assert.equal(again[0].authors[0].affiliations[0].country, 'DE');
    assert.equal(estimateAffiliationRun(corpus(), opts).requests, 1);
  } finally {
    await server.close();
  }
});

test('429 with Retry-After and 500 are retried; the answer then counts', async () => {
  const waits: number[] = [];
  const server = await startMockLlm((_, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '2' }, rawBody: '{}' } : i === 1 ? { status: 500, rawBody: 'oops' } : answer(good)));
  try {
    const papers = corpus().slice(0, 1);
    const opts = options(server.baseUrl, { concurrency: 1 });
    opts.endpoint.sleep = async (ms) => void waits.push(ms);
    const report = await resolveWithLlm(papers, opts);
    assert.equal(report.resolved, 1);
    assert.equal(waits[0], 2000);
    assert.equal(server.requests.length, 3);
  } finally {
    await server.close();
  }
});

test('a timeout leaves the string unresolved with the reason, and is not cached', async () => {
  const server = await startMockLlm(() => ({ ...answer(good), delayMs: 400 }));
  try {
    const papers = corpus().slice(0, 1);
    const opts = options(server.baseUrl, { concurrency: 1 });
    opts.endpoint.timeoutMs = 100;
    opts.endpoint.maxAttempts = 2;
    const { outcomes, report } = await askAboutStrings(llmCandidates(papers, opts.threshold), opts);
    assert.equal(report.resolved, 0);
    assert.ok([...outcomes.values()].every((o) => !o.ok && /^LLM request failed: .*timed out after 100 ms/.test(o.reason)));
    // a run in which no request succeeded is an error (test/safety/llm.test.ts), not an empty result
    await assert.rejects(resolveWithLlm(papers, opts), /no request to the LLM endpoint succeeded/);
    assert.equal(estimateAffiliationRun(corpus().slice(0, 1), opts).requests, 1);
  } finally {
    await server.close();
  }
});

test('the request budget is respected', async () => {
  const server = await startMockLlm(() => answer(good));
  try {
    const report = await resolveWithLlm(corpus(), options(server.baseUrl, { maxRequests: 1, concurrency: 1 }));
    assert.equal(server.requests.length, 1);
    assert.equal(report.budgetExhausted, true);
    assert.ok(report.notAnswered.some((n) => /budget exhausted/.test(n.reason)));
  } finally {
    await server.close();
  }
});
