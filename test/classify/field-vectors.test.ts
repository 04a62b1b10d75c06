// The field model's optional word vectors (src/classify/field-vectors.ts): the int8 table format, the SIF
// weights, the document vector on hand-computed cases, the definition-similarity feature, and the trainer
// learning from invented words and vectors (a word never seen in training still counts through its vector).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosine, documentVector, encodeWordVectors, fieldCentroids, loadWordVectors, sifWeight, vectorScore } from '../../src/classify/field-vectors.js';
import { createFieldClassifier } from '../../src/classify/fields.js';
import { DEFAULT_TRAIN_OPTIONS, scorePapers, trainFieldModel, type LabelledPaper } from '../../src/classify/field-training.js';
import { loadFieldModel } from '../../src/classify/index.js';
import { FieldModelSchema } from '../../src/classify/schema.js';
import { inventedTaxonomy, rawPaper } from './helpers.js';

/** An invented 4-dimensional table: zorblax and quimby point two ways, glorp almost like zorblax, blick like quimby. */
function inventedTable(): string {
  const words = ['zorblax', 'quimby', 'glorp', 'study', 'blick'];
  const vectors = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0.9, 0.1, 0, 0],
    [0, 0, 0.5, -0.25],
    [0.1, 0.9, 0, 0],
  ];
  const path = join(mkdtempSync(join(tmpdir(), 'vectors-')), 'vectors.json');
  writeFileSync(path, JSON.stringify(encodeWordVectors('invented', words, vectors)));
  return path;
}

test('word vectors: int8 with a scale per word, read back within half a step; words must be of the word shape', () => {
  const table = loadWordVectors(inventedTable());
  assert.equal(table.dimensions, 4);
  assert.deepEqual([...table.rank], [['zorblax', 0], ['quimby', 1], ['glorp', 2], ['study', 3], ['blick', 4]]);
  const expected = [1, 0, 0, 0, 0, 1, 0, 0, 0.9, 0.1, 0, 0, 0, 0, 0.5, -0.25];
  expected.forEach((x, i) => assert.ok(Math.abs(table.data[i] - x) <= 1 / 254 + 1e-7, `value ${i}: ${table.data[i]} for ${x}`));
  assert.throws(() => encodeWordVectors('invented', ['Zorblax'], [[1]]), /a-z0-9/);
  assert.throws(() => encodeWordVectors('invented', ['a', 'b'], [[1, 2], [1]]), /dimensions/);
});

test('SIF weight: (rank + 1) / (rank + 1001), so frequent words weigh little', () => {
  assert.equal(sifWeight(0), 1 / 1001);
  assert.equal(sifWeight(999), 0.5);
  assert.ok(sifWeight(9999) > 0.9 && sifWeight(9999) < 0.91);
});

test('document vector: title words weigh titleWeight, keyword and abstract words 1, times the SIF weight; length 1', () => {
  const table = loadWordVectors(inventedTable());
  const v = documentVector(rawPaper({ title: 'Zorblax', abstract: 'Quimby and zorblax; an unknown word.' }), table, 2);
  // zorblax: (2 + 1) x sif(0) on dimension 0; quimby: 1 x sif(1) on dimension 1
  const a = 3 * sifWeight(0);
  const b = sifWeight(1);
  const norm = Math.hypot(a, b);
  [a / norm, b / norm, 0, 0].forEach((x, d) => assert.ok(Math.abs(v[d] - x) < 1e-6, `dimension ${d}: ${v[d]} for ${x}`));
  // keywords count 1 each; no known word gives all zeros (and a score of 0)
  const k = documentVector(rawPaper({ title: 'Nothing known', abstract: null, keywords: ['quimby'] }), table, 2);
  assert.deepEqual([...k].map((x) => Math.round(x * 1e6) / 1e6), [0, 1, 0, 0]);
  const none = documentVector(rawPaper({ title: 'Nothing known here', abstract: null }), table, 2);
  assert.deepEqual([...none], [0, 0, 0, 0]);
  assert.equal(vectorScore(none, [1, 2, 3, 4]), 0);
  assert.ok(Math.abs(vectorScore(k, [1, 2, 3, 4]) - 2) < 1e-6);
  assert.equal(vectorScore(k, undefined), 0);
});

test('definition vectors: a field whose terms are zorblax is most similar to a zorblax paper', () => {
  const table = loadWordVectors(inventedTable());
  const taxonomy = inventedTaxonomy({ a: { zorblax: 2 }, b: { quimby: 2 }, other: { omega: 1 } });
  const centroids = fieldCentroids(taxonomy.fields, table);
  const doc = documentVector(rawPaper({ title: 'Glorp', abstract: null }), table, 2);
  assert.ok(cosine(doc, centroids.get('a')!) > 0.99);
  assert.ok(cosine(doc, centroids.get('b')!) < 0.2);
  assert.deepEqual([...centroids.get('other')!], [0, 0, 0, 0], 'no known word in its definition');
  assert.equal(fieldCentroids(taxonomy.fields, table), centroids, 'kept per taxonomy and table');
});

test('trainer: with word vectors it learns zorblax -> a and quimby -> b, and places glorp and blick (never seen) by their vectors', () => {
  const taxonomy = inventedTaxonomy({ a: { alpha: 2 }, b: { beta: 2 }, other: { omega: 1 } });
  const papers: LabelledPaper[] = [];
  for (let i = 0; i < 12; i++) {
    papers.push({ paper: rawPaper({ title: `Alpha beta zorblax study ${i}`, abstract: 'We study alpha and beta with zorblax samples.' }), primaryField: 'a', group: 'x' });
    papers.push({ paper: rawPaper({ title: `Alpha beta quimby study ${i}`, abstract: 'We study alpha and beta with quimby samples.' }), primaryField: 'b', group: 'x' });
  }
  const options = { ...DEFAULT_TRAIN_OPTIONS, l2: 0.01, vectors: { file: inventedTable(), titleWeight: 2, l2: 0.01 } };
  const model = trainFieldModel(taxonomy, scorePapers(taxonomy, papers), options);
  assert.equal(FieldModelSchema.safeParse(model).success, true, 'the trained model validates');
  assert.equal(model.vectors?.dimensions, 4);
  assert.equal(model.vectors?.weights.a.length, 4);
  const classify = createFieldClassifier(taxonomy, model);
  assert.equal(classify(rawPaper({ title: 'Zorblax, alpha and beta revisited', abstract: null })).fields[0], 'a');
  assert.equal(classify(rawPaper({ title: 'Quimby, alpha and beta revisited', abstract: null })).fields[0], 'b');
  const glorp = classify(rawPaper({ title: 'Glorp, alpha and beta revisited', abstract: null }));
  assert.equal(glorp.fields[0], 'a');
  assert.equal(classify(rawPaper({ title: 'Blick, alpha and beta revisited', abstract: null })).fields[0], 'b');
  // without the vectors the unseen words tie and the taxonomy order decides
  const plain = createFieldClassifier(taxonomy, trainFieldModel(taxonomy, scorePapers(taxonomy, papers), { ...options, vectors: null }));
  assert.equal(plain(rawPaper({ title: 'Blick, alpha and beta revisited', abstract: null })).fields[0], plain(rawPaper({ title: 'Glorp, alpha and beta revisited', abstract: null })).fields[0]);
  // the vectors' part is one number per reported field
  const part = glorp.evidence.find((e) => e.field === 'a' && e.signal === 'vectors-model');
  assert.ok(part && part.contribution! > 0 && part.terms.length === 0, JSON.stringify(glorp.evidence));
  assert.deepEqual(trainFieldModel(taxonomy, scorePapers(taxonomy, papers), options), model, 'training is deterministic');
  // the similarity feature alone (no weight per dimension): the definitions (`covers`, which give no points) name the words
  const named = inventedTaxonomy({ a: { alpha: 2 }, b: { beta: 2 }, other: { omega: 1 } });
  named.fields[0].covers = 'Everything zorblax.';
  named.fields[1].covers = 'Everything quimby.';
  const simOptions = { ...options, features: [...options.features, 'similarity' as const], vectors: { ...options.vectors, dense: false } };
  const sim = trainFieldModel(named, scorePapers(named, papers), simOptions);
  assert.deepEqual(sim.vectors?.weights, {});
  assert.ok((sim.weights.similarity ?? 0) > 0, JSON.stringify(sim.weights));
  const simClassify = createFieldClassifier(named, sim);
  assert.equal(simClassify(rawPaper({ title: 'Glorp, alpha and beta revisited', abstract: null })).fields[0], 'a');
  assert.equal(simClassify(rawPaper({ title: 'Blick, alpha and beta revisited', abstract: null })).fields[0], 'b');
});

test('field model: the shipped file has no word-vector part (not shipped: docs/classify.md says why)', () => {
  assert.equal(loadFieldModel().vectors ?? null, null);
});
