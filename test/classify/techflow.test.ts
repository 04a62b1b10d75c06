import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTechnologies, summarizeTechFlow } from '../../src/classify/index.js';
import type { TechnologyDefinition } from '../../src/classify/schema.js';
import type { Paper, TechnologyHit } from '../../src/types.js';

const LLAMA: TechnologyHit = { id: 'llama', name: 'Llama', origin: { organization: 'Meta', country: 'US' }, matched: ['Llama-2'], where: ['abstract'], use: 'used' };
const QWEN: TechnologyHit = { id: 'qwen', name: 'Qwen', origin: { organization: 'Alibaba', country: 'CN' }, matched: ['Qwen2'], where: ['abstract'], use: 'used' };
const GPT: TechnologyHit = { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, matched: ['GPT-4'], where: ['title'] };
const GPT_MENTIONED: TechnologyHit = { ...GPT, where: ['abstract'], use: 'mentioned', cue: 'comparison: outperforms' };

const byId = new Map(loadTechnologies().technologies.map((t) => [t.id, t]));
const tracked = (...ids: string[]): TechnologyDefinition[] => ids.map((id) => byId.get(id)!);

function paper(id: string, countries: string[], technologies: TechnologyHit[], hasAbstract = true): Paper {
  return {
    id, source: { file: 't', index: 0 }, venue: 'T', year: 2024, title: id, track: null, status: null, topic: null, keywords: [], url: null,
    authors: [], countries, fields: ['llm-nlp'], fieldEvidence: [], technologies, hasAbstract,
  };
}

test('techFlow: papers per technology and per author country; tracked technologies with no paper have a zero row', () => {
  const summary = summarizeTechFlow(
    [paper('a', ['CN', 'US'], [LLAMA, QWEN]), paper('b', ['CN'], [LLAMA]), paper('c', ['US'], [QWEN, GPT]), paper('d', [], [LLAMA]), paper('e', ['FR'], [])],
    { tracked: tracked('gpt', 'llama', 'qwen', 'deepseek') },
  );
  assert.deepEqual(summary.technologies, [
    { id: 'llama', name: 'Llama', origin: { organization: 'Meta', country: 'US' }, papers: 3, mentionedOnly: 0, papersByCountry: { CN: 2, US: 1 } },
    { id: 'qwen', name: 'Qwen', origin: { organization: 'Alibaba', country: 'CN' }, papers: 2, mentionedOnly: 0, papersByCountry: { US: 2, CN: 1 } },
    { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, papers: 1, mentionedOnly: 0, papersByCountry: { US: 1 } },
    { id: 'deepseek', name: 'DeepSeek', origin: { organization: 'DeepSeek', country: 'CN' }, papers: 0, mentionedOnly: 0, papersByCountry: {} },
  ]);
});

test('techFlow: flows count each paper once per (origin, author country) pair', () => {
  const summary = summarizeTechFlow([paper('a', ['CN', 'US'], [LLAMA, QWEN, GPT]), paper('b', ['CN'], [LLAMA, GPT]), paper('c', ['US'], [QWEN])], { tracked: [] });
  assert.deepEqual(summary.flows, [
    { from: 'CN', to: 'US', papers: 2 },
    { from: 'US', to: 'CN', papers: 2 },
    { from: 'CN', to: 'CN', papers: 1 },
    { from: 'US', to: 'US', papers: 1 },
  ]);
});

test('techFlow: mentions count only under --tech mentions', () => {
  const papers = [paper('a', ['CN'], [GPT_MENTIONED]), paper('b', ['US'], [GPT])];
  const used = summarizeTechFlow(papers, { tracked: tracked('gpt') });
  assert.equal(used.count, 'used');
  assert.deepEqual([used.technologies[0].papers, used.technologies[0].mentionedOnly, used.technologies[0].papersByCountry], [1, 1, { US: 1 }]);
  assert.deepEqual(used.flows, [{ from: 'US', to: 'US', papers: 1 }]);
  const all = summarizeTechFlow(papers, { tracked: tracked('gpt'), count: 'mentions' });
  assert.deepEqual([all.technologies[0].papers, all.technologies[0].mentionedOnly, all.technologies[0].papersByCountry], [2, 0, { CN: 1, US: 1 }]);
});

test('techFlow: derived technologies carry their source; every tracked technology is listed by default', () => {
  const summary = summarizeTechFlow([]);
  assert.equal(summary.technologies.length, loadTechnologies().technologies.length);
  assert.ok(summary.technologies.every((t) => t.papers === 0));
  assert.equal(summary.technologies.find((t) => t.id === 'tinyllama')?.derivedFrom, 'llama');
});

test('techFlow: share of papers with an abstract, and a warning under half', () => {
  const half = summarizeTechFlow([paper('a', [], [], true), paper('b', [], [], false)], { tracked: [] });
  assert.deepEqual([half.papers, half.papersWithAbstract, half.warning], [2, 1, undefined]);
  const few = summarizeTechFlow([paper('a', [], [], true), paper('b', [], [], false), paper('c', [], [], false)], { tracked: [] });
  assert.equal(few.papersWithAbstract, 1);
  assert.match(few.warning ?? '', /^only 1 of 3 papers \(33%\) have an abstract/);
  assert.deepEqual(summarizeTechFlow([], { tracked: [] }), { count: 'used', papers: 0, papersWithAbstract: 0, technologies: [], flows: [] });
});
