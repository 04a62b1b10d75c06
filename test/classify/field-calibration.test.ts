// Per-field bias recalibration (src/classify/field-calibration.ts) on hand-made models: the offsets that
// make the most out-of-fold papers right, smallest first among ties, and none when nothing is gained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateScores, recalibrateBiases } from '../../src/classify/field-calibration.js';
import { scorePapers, trainFieldModel, DEFAULT_TRAIN_OPTIONS, type LabelledPaper } from '../../src/classify/field-training.js';
import type { FieldModel } from '../../src/classify/schema.js';
import { inventedTaxonomy, rawPaper } from './helpers.js';

const taxonomy = inventedTaxonomy({ a: { alpha: 2 }, b: { beta: 2 }, other: { omega: 1 } });
const model = (weights: Record<string, number>): FieldModel => ({ ...trainFieldModel(taxonomy, []), weights });
const papers = (label: string, n: number): LabelledPaper[] =>
  Array.from({ length: n }, (_, i) => ({ paper: rawPaper({ title: `Alpha beta note ${label} ${i}`, abstract: null, source: { file: `x${i}.json`, index: i } }), primaryField: label, group: 'x' }));

test('candidate scores: every candidate field with its model score', () => {
  const [one] = candidateScores(taxonomy, model({ 'b:bias': -1 }), scorePapers(taxonomy, papers('b', 1)));
  assert.deepEqual(one, { fields: ['a', 'b', 'other'], scores: [0, -1, 0] });
});

test('recalibration: b papers scored below a get the smallest offset of the grid that puts b first', () => {
  const items = scorePapers(taxonomy, papers('b', 9));
  const offsets = recalibrateBiases(taxonomy, items, () => model({ 'b:bias': -1 }));
  assert.deepEqual(offsets, { b: 1.2 });
  // a model already right everywhere is left alone
  assert.deepEqual(recalibrateBiases(taxonomy, items, () => model({ 'b:bias': 1 })), {});
  // with training: the offsets are folded into the biases of the written model
  const trained = trainFieldModel(taxonomy, items, { ...DEFAULT_TRAIN_OPTIONS, recalibrate: true });
  assert.ok((trained.weights['b:bias'] ?? 0) > (trained.weights['a:bias'] ?? 0));
});
