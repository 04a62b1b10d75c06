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
    'note: the source gives 5 affiliation slots for 3 authors, matched by position (one each; the last 2 no author holds: they repeat texts the authors list), so which author holds which institution is a guess',
  ]);
  const loose = { raw: 'Invented Lab', institution: null, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved' as const, evidence: [] };
  assert.deepEqual(noted({ ...paper, authors: people(3), affiliationSlots: 5, unattributed: [loose] }), [
    'note: the source gives 5 affiliation slots for 3 authors, matched by position (one each; the last 2 no author holds: their 1 text no author lists counts for the paper, not for an author: "(no author)" below), so which author holds which institution is a guess',
  ]);
  assert.deepEqual(noted({ ...paper, authors: people(3), affiliationSlots: 2 }), [
    'note: the source gives 2 affiliation slots for 3 authors, matched by position (the last 1 author without one), so which author holds which institution is a guess',
  ]);
});

test('explain: the affiliations no author holds are listed apart, under "(no author)", after the authors', () => {
  const loose = { raw: 'Invented Lab', institution: 'Invented Lab', institutionId: null, country: 'GB', hqCountry: null, sector: 'education' as const, confidence: 1, method: 'alias' as const, evidence: [] };
  const text = renderExplanation({ ...paper, authors: [{ name: 'Author 0', affiliations: [] }], affiliationSlots: 2, unattributed: [loose] }).split('\n');
  const at = text.findIndex((l) => l.startsWith('(no author) slots past the last author'));
  assert.ok(at > text.indexOf('1. Author 0'), text.join('\n'));
  assert.deepEqual(text.slice(at + 1, at + 3), ['   - "Invented Lab"', '       -> Invented Lab | GB | education']);
  assert.equal(renderExplanation(paper).includes('(no author)'), false);
});
