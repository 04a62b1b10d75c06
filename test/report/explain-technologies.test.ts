import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderExplanation } from '../../src/report/explain.js';
import type { Paper } from '../../src/types.js';

const paper: Paper = {
  id: 'p1', source: { file: 't.json', index: 0 }, venue: 'T', year: 2024, title: 'A paper', track: null, status: null, topic: null, keywords: [], url: null,
  authors: [], countries: [], fields: ['llm-nlp'], fieldEvidence: [],
  technologies: [
    { id: 'tinyllama', name: 'TinyLlama', origin: { organization: 'SUTD', country: 'SG' }, derivedFrom: 'llama', matched: ['TinyLlama-1.1B'], where: ['abstract'], use: 'used' },
    { id: 'gpt', name: 'GPT family', origin: { organization: 'OpenAI', country: 'US' }, matched: ['GPT-4'], where: ['abstract'], use: 'mentioned', cue: 'comparison: outperforms' },
  ],
};

test('explain: each technology with its use, the cue of a mention, and what it derives from', () => {
  const line = renderExplanation(paper).split('\n').find((l) => l.startsWith('technologies: '))!;
  assert.equal(
    line,
    'technologies: TinyLlama [SUTD, SG, derived from llama] via "TinyLlama-1.1B" (used); GPT family [OpenAI, US] via "GPT-4" (mentioned only: comparison: outperforms)',
  );
});

test('explain: a paper whose affiliation slots were matched by position says so; an aligned one does not', () => {
  const noted = (p: Paper) => renderExplanation(p).split('\n').filter((l) => l.startsWith('note: '));
  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Author ${i}`, affiliations: [] }));
  assert.deepEqual(noted({ ...paper, authors: people(3) }), []);
  assert.deepEqual(noted({ ...paper, authors: people(3), affiliationSlots: 5 }), [
    'note: the source gives 5 affiliation slots for 3 authors, matched by position (one each; the last 2 not read, so the paper may lack institutions), so which author holds which institution is a guess',
  ]);
  assert.deepEqual(noted({ ...paper, authors: people(3), affiliationSlots: 2 }), [
    'note: the source gives 2 affiliation slots for 3 authors, matched by position (the last 1 author without one), so which author holds which institution is a guess',
  ]);
});
