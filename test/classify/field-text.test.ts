// The field model's hashed words (src/classify/field-text.ts): the fixed hash, the grams, the vector, and
// the trainer learning an obvious word rule on an invented corpus that the taxonomy's terms cannot see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { fnv1a, gramHashes, gramsOf, textVector, compileTextWeights, textScore, toGaps } from '../../src/classify/field-text.js';
import { createFieldClassifier } from '../../src/classify/fields.js';
import { DEFAULT_TRAIN_OPTIONS, scorePapers, trainFieldModel, type LabelledPaper } from '../../src/classify/field-training.js';
import { FIELD_MODEL_FILE, loadFieldModel } from '../../src/classify/index.js';
import { FieldModelSchema, type TaxonomyFile } from '../../src/classify/schema.js';
import { inventedTaxonomy, rawPaper } from './helpers.js';

test('text hash: FNV-1a 32-bit gives the published test vectors', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

test('text grams: words (plural s dropped) and neighbouring pairs; stop words, numbers and single letters break pairs', () => {
  assert.deepEqual(gramsOf('Large Language Models for the Translation of 2 x Texts'), ['large', 'language', 'large language', 'model', 'language model', 'translation', 'text']);
  assert.deepEqual(gramsOf('the of and'), []);
  // the hashes textVector uses are fnv1a of those grams, pairs hashed without building their strings
  const text = 'Large Language Models for the Translation of 2 x Texts; graph neural networks.';
  assert.deepEqual(gramHashes(text), gramsOf(text).map(fnv1a));
});

test('text vector: title grams weigh 2, keyword and abstract grams 1 each, scaled to length 1', () => {
  const bits = 16;
  const bucket = (gram: string) => fnv1a(gram) & ((1 << bits) - 1);
  const v = textVector(rawPaper({ title: 'Alpha', abstract: 'alpha beta' }), { bits, titleWeight: 2 });
  const expected = new Map([
    [bucket('alpha'), 3 / Math.sqrt(11)],
    [bucket('beta'), 1 / Math.sqrt(11)],
    [bucket('alpha beta'), 1 / Math.sqrt(11)],
  ]);
  assert.deepEqual([...v.buckets], [...expected.keys()].sort((a, b) => a - b));
  v.buckets.forEach((b, i) => assert.ok(Math.abs(v.values[i] - expected.get(b)!) < 1e-12));
  // a title-only paper has length 1 too; no gram at all gives an empty vector
  const title = textVector(rawPaper({ title: 'Alpha beta', abstract: null }), { bits, titleWeight: 2 });
  assert.ok(Math.abs(title.values.reduce((s, x) => s + x * x, 0) - 1) < 1e-12);
  assert.equal(textVector(rawPaper({ title: 'On the', abstract: null }), { bits, titleWeight: 2 }).buckets.length, 0);
  // the score is the dot product with a field's table
  const table = compileTextWeights({ a: { gaps: [bucket('alpha')], weights: [2] } }, bits).get('a');
  assert.ok(Math.abs(textScore(v, table) - 6 / Math.sqrt(11)) < 1e-12);
  assert.equal(textScore(v, undefined), 0);
  // buckets are stored as gaps: 3, 7, 20 -> 3, 4, 13
  assert.deepEqual(toGaps([3, 7, 20]), [3, 4, 13]);
  assert.deepEqual([...compileTextWeights({ a: { gaps: [3, 4, 13], weights: [1, 2, 3] } }, 5).get('a')!].flatMap((w, b) => (w ? [[b, w]] : [])), [[3, 1], [7, 2], [20, 3]]);
});

/** Two fields with the same taxonomy points in every paper: only the words tell them apart. */
function tinyTaxonomy(): TaxonomyFile {
  return inventedTaxonomy({ a: { alpha: 2 }, b: { beta: 2 }, other: { omega: 1 } });
}

test('trainer: with the text part it learns that the invented word "zorblax" means a, which no taxonomy term says', () => {
  const taxonomy = tinyTaxonomy();
  const papers: LabelledPaper[] = [];
  for (let i = 0; i < 12; i++) {
    papers.push({ paper: rawPaper({ title: `Alpha beta zorblax study ${i}`, abstract: `We study alpha and beta with zorblax samples.` }), primaryField: 'a', group: 'x' });
    papers.push({ paper: rawPaper({ title: `Alpha beta quimby study ${i}`, abstract: `We study alpha and beta with quimby samples.` }), primaryField: 'b', group: 'x' });
  }
  const options = { ...DEFAULT_TRAIN_OPTIONS, l2: 0.01, text: { bits: 12, titleWeight: 2, l2: 0.01, minPapers: 2 } };
  const model = trainFieldModel(taxonomy, scorePapers(taxonomy, papers), options);
  assert.equal(FieldModelSchema.safeParse(model).success, true, 'the trained model validates');
  assert.ok(model.text && model.text.weights.a.gaps.length > 0);
  const classify = createFieldClassifier(taxonomy, model);
  const zorblax = classify(rawPaper({ title: 'Zorblax, alpha and beta revisited', abstract: null }));
  assert.equal(zorblax.fields[0], 'a');
  assert.equal(classify(rawPaper({ title: 'Quimby, alpha and beta revisited', abstract: null })).fields[0], 'b');
  // the words' part is one number per reported field
  const text = zorblax.evidence.find((e) => e.field === 'a' && e.signal === 'text-model');
  assert.ok(text && text.contribution! > 0 && text.terms.length === 0, JSON.stringify(zorblax.evidence));
  // without the text part the two fields tie and the taxonomy order decides
  const plain = createFieldClassifier(taxonomy, trainFieldModel(taxonomy, scorePapers(taxonomy, papers), { ...options, text: null }));
  assert.equal(plain(rawPaper({ title: 'Quimby, alpha and beta revisited', abstract: null })).fields[0], plain(rawPaper({ title: 'Zorblax, alpha and beta revisited', abstract: null })).fields[0]);
  assert.deepEqual(trainFieldModel(taxonomy, scorePapers(taxonomy, papers), options), model, 'training is deterministic');
});

test('field model: the shipped file has no text part (the shipped options train none) and stays under 5 MB', () => {
  const model = loadFieldModel();
  assert.ok(statSync(FIELD_MODEL_FILE).size < 5 * 1024 * 1024);
  assert.equal(model.text ?? null, null, 'no hashed words in the shipped model (field-training.ts says why)');
});
