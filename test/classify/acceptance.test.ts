// The acceptance figures, measured on the shared real paper lists (read in place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier } from '../../src/classify/index.js';
import { readPaperCopilot } from '../../src/sources/papercopilot.js';
import { PAPERLISTS_DIR } from '../shared.js';
import { createSharedRecords } from './helpers.js';

const classifier = createClassifier();
const list = (name: string) => join(PAPERLISTS_DIR, name);
const missing = (name: string) => (existsSync(list(name)) ? false : `shared paper list ${name} not found`);

const readList = (file: string) => [...readPaperCopilot(list(file)).papers];

function shareCarrying(file: string, field: string): number {
  const papers = readList(file);
  const carrying = papers.filter((p) => classifier.classifyFields(p).fields.includes(field)).length;
  return carrying / papers.length;
}

test('acceptance: >= 85% of COLM 2024 papers carry llm-nlp', { skip: missing('colm2024.json') }, () => {
  const share = shareCarrying('colm2024.json', 'llm-nlp');
  assert.ok(share >= 0.85, `COLM 2024 llm-nlp ${(share * 100).toFixed(1)}%`);
});

test('acceptance: >= 80% of CVPR 2019 papers carry vision', { skip: missing('cvpr2019.json') }, () => {
  const share = shareCarrying('cvpr2019.json', 'vision');
  assert.ok(share >= 0.8, `CVPR 2019 vision ${(share * 100).toFixed(1)}%`);
});

interface SampleFixture {
  file: string;
  papers: Array<{ index: number; titleSha256: string; primaryField: string; note: string }>;
}

test('acceptance: >= 80% primary-field accuracy on the hand-labelled NeurIPS 2018 sample', { skip: missing('nips2018.json') }, () => {
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'nips2018-sample.json'), 'utf8')) as SampleFixture;
  const record = createSharedRecords(PAPERLISTS_DIR);
  assert.equal(fixture.papers.length, 50);
  let correct = 0;
  const misses: string[] = [];
  for (const labelled of fixture.papers) {
    const paper = record({ file: fixture.file, index: labelled.index, titleSha256: labelled.titleSha256 });
    const primary = classifier.classifyFields(paper).fields[0];
    if (primary === labelled.primaryField) correct++;
    else misses.push(`#${labelled.index} ${labelled.primaryField} -> ${primary}`);
  }
  assert.ok(correct / fixture.papers.length >= 0.8, `${correct}/50 correct; misses: ${misses.join('; ')}`);
});

test('acceptance: COLM 2024 has >= 30 papers using Llama, origin US', { skip: missing('colm2024.json') }, () => {
  const llama = readList('colm2024.json').filter((p) => classifier.detectTechnologies(p).some((h) => h.id === 'llama' && h.origin.country === 'US'));
  assert.ok(llama.length >= 30, `${llama.length} papers`);
});
