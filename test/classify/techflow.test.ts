import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeTechFlow } from '../../src/classify/index.js';
import type { Paper, TechnologyHit } from '../../src/types.js';

const LLAMA: TechnologyHit = { id: 'llama', name: 'Llama', origin: { organization: 'Meta', country: 'US' }, matched: ['Llama-2'], where: ['abstract'] };
const QWEN: TechnologyHit = { id: 'qwen', name: 'Qwen', origin: { organization: 'Alibaba', country: 'CN' }, matched: ['Qwen2'], where: ['abstract'] };
const GPT: TechnologyHit = { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, matched: ['GPT-4'], where: ['title'] };

function paper(id: string, countries: string[], technologies: TechnologyHit[]): Paper {
  return {
    id, source: { file: 't', index: 0 }, venue: 'T', year: 2024, title: id, track: null, status: null, topic: null, keywords: [], url: null,
    authors: [], countries, fields: ['llm-nlp'], fieldEvidence: [], technologies,
  };
}

test('techFlow: papers per technology and per author country', () => {
  const summary = summarizeTechFlow([
    paper('a', ['CN', 'US'], [LLAMA, QWEN]),
    paper('b', ['CN'], [LLAMA]),
    paper('c', ['US'], [QWEN, GPT]),
    paper('d', [], [LLAMA]),
    paper('e', ['FR'], []),
  ]);
  assert.deepEqual(summary.technologies, [
    { id: 'llama', name: 'Llama', origin: { organization: 'Meta', country: 'US' }, papers: 3, papersByCountry: { CN: 2, US: 1 } },
    { id: 'qwen', name: 'Qwen', origin: { organization: 'Alibaba', country: 'CN' }, papers: 2, papersByCountry: { US: 2, CN: 1 } },
    { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, papers: 1, papersByCountry: { US: 1 } },
  ]);
});

test('techFlow: flows count each paper once per (origin, author country) pair', () => {
  const summary = summarizeTechFlow([
    paper('a', ['CN', 'US'], [LLAMA, QWEN, GPT]),
    paper('b', ['CN'], [LLAMA, GPT]),
    paper('c', ['US'], [QWEN]),
  ]);
  assert.deepEqual(summary.flows, [
    { from: 'CN', to: 'US', papers: 2 },
    { from: 'US', to: 'CN', papers: 2 },
    { from: 'CN', to: 'CN', papers: 1 },
    { from: 'US', to: 'US', papers: 1 },
  ]);
});

test('techFlow: empty input gives empty lists', () => {
  assert.deepEqual(summarizeTechFlow([]), { technologies: [], flows: [] });
});
