import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { classifyWithLlm, type PaperText } from '../../src/llm/fields.js';
import { loadTaxonomy, loadTechnologies } from '../../src/classify/index.js';
import type { LlmRunOptions } from '../../src/llm/affiliations.js';
import type { Paper } from '../../src/types.js';
import { startMockLlm, type ChatRequest } from '../mocks/llm-server.js';

function paper(id: string, unclassified: boolean): Paper {
  return {
    id, source: { file: 'f', index: 0 }, venue: 'V', year: 2024, title: `title ${id}`, track: null, status: null, topic: null, keywords: [], url: null,
    authors: [], countries: [],
    fields: unclassified ? ['other'] : ['vision'],
    fieldEvidence: unclassified ? [{ field: 'other', signal: 'fallback', terms: [], score: 0 }] : [{ field: 'vision', signal: 'title', terms: ['image'], score: 9 }],
    technologies: [],
  };
}

const texts = (papers: Paper[]) => new Map<string, PaperText>(papers.map((p) => [p.id, { id: p.id, title: p.title, keywords: [], abstract: 'We fine-tune Qwen for chemistry.' }]));

function options(baseUrl: string): LlmRunOptions {
  return {
    endpoint: { baseUrl, model: 'm', timeoutMs: 1000, maxAttempts: 2, sleep: async () => {} },
    cachePath: join(mkdtempSync(join(tmpdir(), 'collabscope-llmf-')), 'cache.jsonl'),
    threshold: 0.5, maxRequests: 10, concurrency: 1,
  };
}

/** Answers for every paper id in the request; the first answer names an unknown field. */
function scripted() {
  return (request: ChatRequest, index: number) => {
    const ids = (JSON.parse(request.messages[1].content) as { papers: Array<{ id: string }> }).papers.map((p) => p.id);
    const field = index === 0 ? 'alchemy' : 'science-health';
    return { content: JSON.stringify({ papers: ids.map((id) => ({ id, fields: [field, 'llm-nlp'], technologies: ['qwen'] })) }) };
  };
}

test('only unclassified papers are sent; invalid answers are retried; results are cached per paper', async () => {
  const server = await startMockLlm(scripted());
  try {
    const papers = [paper('a', true), paper('b', false), paper('c', true)];
    const opts = options(server.baseUrl);
    const report = await classifyWithLlm(papers, texts(papers), loadTaxonomy(), loadTechnologies(), opts);
    assert.equal(report.candidates, 2);
    assert.equal(server.requests.length, 2, 'one batch, retried once after the unknown field id');
    const sent = JSON.parse(server.requests[0].messages[1].content) as { papers: Array<{ id: string }> };
    assert.deepEqual(sent.papers.map((p) => p.id), ['a', 'c']);
    assert.deepEqual(papers[0].fields, ['science-health', 'llm-nlp']);
    assert.equal(papers[0].fieldEvidence[0].signal, 'llm');
    assert.deepEqual(papers[0].technologies.map((t) => [t.id, t.origin.country, t.where[0]]), [['qwen', 'CN', 'llm']]);
    assert.deepEqual(papers[1].fields, ['vision'], 'a deterministic answer is never replaced');
    assert.equal(papers[1].technologies.length, 0);

    const again = [paper('a', true), paper('b', false), paper('c', true)];
    const second = await classifyWithLlm(again, texts(again), loadTaxonomy(), loadTechnologies(), opts);
    assert.equal(server.requests.length, 2, 'a second run makes no requests');
    assert.equal(second.fromCache, 2);
    assert.deepEqual(again[2].fields, ['science-health', 'llm-nlp']);
  } finally {
    await server.close();
  }
});

test("scope 'all': every paper is asked about; placed papers take the fields only, their own evidence kept after the model's", async () => {
  const server = await startMockLlm((request) => {
    const ids = (JSON.parse(request.messages[1].content) as { papers: Array<{ id: string }> }).papers.map((p) => p.id);
    return { content: JSON.stringify({ papers: ids.map((id) => ({ id, fields: id === 'b' ? ['science-health'] : ['llm-nlp'], technologies: ['qwen'] })) }) };
  });
  try {
    const papers = [paper('a', true), paper('b', false), paper('c', false)];
    papers[2].fields = ['llm-nlp'];
    const report = await classifyWithLlm(papers, texts(papers), loadTaxonomy(), loadTechnologies(), options(server.baseUrl), 'all');
    assert.equal(report.scope, 'all');
    assert.equal(report.candidates, 3);
    assert.equal(report.filled, 3);
    assert.equal(report.primaryChanged, 1, 'b: vision -> science-health; c kept llm-nlp; a was unplaced');
    const sent = JSON.parse(server.requests[0].messages[1].content) as { papers: Array<{ id: string }> };
    assert.deepEqual(sent.papers.map((p) => p.id), ['a', 'b', 'c']);
    assert.deepEqual(papers[1].fields, ['science-health']);
    assert.deepEqual(papers[1].fieldEvidence.map((e) => `${e.field}<-${e.signal}`), ['science-health<-llm', 'vision<-title']);
    assert.equal(papers[1].technologies.length, 0, 'a placed paper takes no technology from the model');
    assert.deepEqual(papers[0].technologies.map((t) => t.id), ['qwen'], 'an unplaced one does');
    assert.equal(report.technologiesAdded, 1);
    const system = server.requests[0].messages[0].content;
    assert.match(system, /Each of safety-alignment, ml-systems, datasets-benchmarks is primary when that concern is the main contribution/);
    assert.match(system, /Each of theory, optimization, probabilistic-methods, deep-learning is primary only when the technique itself is the contribution/);
  } finally {
    await server.close();
  }
});
