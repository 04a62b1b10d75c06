import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTechFlowText } from '../../src/report/techflow-text.js';
import type { TechFlowSummary } from '../../src/classify/techflow.js';

const base: TechFlowSummary = {
  count: 'used',
  papers: 10,
  papersWithAbstract: 4,
  warning: 'only 4 of 10 papers (40%) have an abstract: technologies are read from titles and keywords alone for the rest, so use is undercounted',
  technologies: [
    { id: 'llama', name: 'Llama', origin: { organization: 'Meta', country: 'US' }, papers: 3, mentionedOnly: 1, papersByCountry: { CN: 2, US: 1 } },
    { id: 'tinyllama', name: 'TinyLlama', origin: { organization: 'SUTD', country: 'SG' }, derivedFrom: 'llama', papers: 1, mentionedOnly: 0, papersByCountry: { SG: 1 } },
    { id: 'qwen', name: 'Qwen', origin: { organization: 'Alibaba', country: 'CN' }, papers: 0, mentionedOnly: 2, papersByCountry: {} },
  ],
  flows: [{ from: 'US', to: 'CN', papers: 2 }],
};

test('techflow text: a row per tracked technology, zeros included, with both countries of the pair', () => {
  const lines = renderTechFlowText(base, ['US', 'CN']).split('\n');
  assert.match(lines[0], /--tech used/);
  assert.deepEqual(lines[1].split(/\s{2,}/), ['technology', 'released by', 'papers', 'with US authors', 'with CN authors', 'mentioned only']);
  const row = (name: string) => lines.find((l) => l.startsWith(name))!.split(/\s{2,}/);
  assert.deepEqual(row('Llama'), ['Llama', 'Meta, US', '3', '1', '2', '1']);
  assert.deepEqual(row('TinyLlama'), ['TinyLlama (from Llama)', 'SUTD, SG', '1', '0', '0', '0']);
  assert.deepEqual(row('Qwen'), ['Qwen', 'Alibaba, CN', '0', '0', '0', '2']);
  assert.ok(lines.includes('across the border: 2 papers with CN authors use a technology from US; 0 papers with US authors use one from CN.'));
  assert.ok(lines.some((l) => l.startsWith('papers with an abstract: 4 of 10 (40.0%)')));
  assert.ok(lines.some((l) => l.startsWith('warning: only 4 of 10 papers')));
});

test('techflow text: no warning at or above half, and no mention column under --tech mentions', () => {
  const text = renderTechFlowText({ ...base, count: 'mentions', papersWithAbstract: 5, warning: undefined }, ['US', 'CN']);
  assert.ok(!text.includes('warning:'));
  assert.match(text, /using or mentioning/);
  assert.ok(text.split('\n').find((l) => l.startsWith('Qwen'))!.trimEnd().endsWith('-'));
});
