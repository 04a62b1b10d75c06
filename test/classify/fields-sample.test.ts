// Primary field on the first hand-labelled sample: 100 + 100 papers across 21 venue-years (not the
// NeurIPS 2018 sample). Both halves are TRAINING labels of the field model now, so this is training fit.
// The fixture holds references only; the text is read from the shared lists.
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
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'fields-sample-100.json'), 'utf8')) as { dev: Labelled[]; heldOut: Labelled[] };
const files = [...new Set([...fixture.dev, ...fixture.heldOut].map((p) => p.file))];
const missing = files.find((f) => !existsSync(join(PAPERLISTS_DIR, f)));

/**
 * History: the hand-ranked classifier measured 0.66 (held-out) and 0.79 (dev) before venue priors and
 * field roles, 0.75 and 0.78 after them. Both halves now train the field model, so the figures are
 * training fit (96/100 dev, 95/100 held-out for the model with hashed words; 83 and 85 for the one before); cross-validated accuracy is in
 * docs/fields.md. These floors guard against a broken or stale model file.
 */
const FLOOR = { dev: 0.78, heldOut: 0.78 };

test('fields sample: 100 papers each from >= 5 venues, none from NeurIPS 2018, no paper twice', () => {
  for (const sample of [fixture.dev, fixture.heldOut]) {
    assert.equal(sample.length, 100);
    assert.ok(new Set(sample.map((p) => p.file.replace(/\d{4}\.json$/, ''))).size >= 5);
  }
  assert.ok(!files.includes('nips2018.json'));
  assert.equal(new Set([...fixture.dev, ...fixture.heldOut].map((p) => `${p.file}#${p.index}`)).size, 200);
});

for (const name of ['heldOut', 'dev'] as const) {
  test(`fields sample: primary-field training fit, ${name}`, { skip: missing ? `shared paper list ${missing} not found` : false }, (t) => {
    const classifier = createClassifier();
    const record = createSharedRecords(PAPERLISTS_DIR);
    let correct = 0;
    let inFields = 0;
    const misses: string[] = [];
    for (const labelled of fixture[name]) {
      const fields = classifier.classifyFields(record(labelled)).fields;
      if (fields[0] === labelled.primaryField) correct++;
      else misses.push(`${labelled.file}#${labelled.index} ${labelled.primaryField} -> ${fields.join(',')}`);
      if (fields.includes(labelled.primaryField)) inFields++;
    }
    t.diagnostic(`${name}: primary correct ${correct}/100; labelled field among the paper's fields ${inFields}/100; misses: ${misses.join('; ')}`);
    assert.ok(correct / 100 >= FLOOR[name], `${correct}/100; misses: ${misses.join('; ')}`);
  });
}
