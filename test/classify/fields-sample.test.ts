// Primary-field accuracy on a second hand-labelled sample: 100 papers across 21 venue-years (not the
// NeurIPS 2018 sample). The fixture holds references only; the text is read from the shared lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier } from '../../src/classify/index.js';
import { PAPERLISTS_DIR } from '../shared.js';
import { createSharedRecords } from './helpers.js';

interface Labelled {
  file: string;
  index: number;
  titleSha256: string;
  primaryField: string;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'fields-sample-100.json'), 'utf8')) as { papers: Labelled[] };
const files = [...new Set(fixture.papers.map((p) => p.file))];
const missing = files.find((f) => !existsSync(join(PAPERLISTS_DIR, f)));

/**
 * The target is 0.88; the classifier measures 0.76 on this sample (0.73 before the taxonomy
 * additions made after labelling it). The floor guards that figure against regressions.
 */
const FLOOR = 0.75;

test('fields sample: 100 papers from >= 5 venues, none from NeurIPS 2018', () => {
  assert.equal(fixture.papers.length, 100);
  assert.ok(new Set(files.map((f) => f.replace(/\d{4}\.json$/, ''))).size >= 5);
  assert.ok(!files.includes('nips2018.json'));
});

test('fields sample: primary-field accuracy', { skip: missing ? `shared paper list ${missing} not found` : false }, (t) => {
  const classifier = createClassifier();
  const record = createSharedRecords(PAPERLISTS_DIR);
  let correct = 0;
  let inFields = 0;
  const misses: string[] = [];
  for (const labelled of fixture.papers) {
    const paper = record(labelled);
    const fields = classifier.classifyFields(paper).fields;
    if (fields[0] === labelled.primaryField) correct++;
    else misses.push(`${labelled.file}#${labelled.index} ${labelled.primaryField} -> ${fields.join(',')}`);
    if (fields.includes(labelled.primaryField)) inFields++;
  }
  t.diagnostic(`primary correct ${correct}/100; labelled field among the paper's fields ${inFields}/100; misses: ${misses.join('; ')}`);
  assert.ok(correct / 100 >= FLOOR, `${correct}/100; misses: ${misses.join('; ')}`);
});
