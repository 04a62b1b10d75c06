// The field model: its data file, the trainer on an invented corpus, and the shipped weights being what
// the trainer makes from the label fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClassifier, loadFieldModel, loadTaxonomy, FIELD_MODEL_FILE } from '../../src/classify/index.js';
import { createFieldClassifier } from '../../src/classify/fields.js';
import { createFieldScorer, SIGNAL_ORDER } from '../../src/classify/field-points.js';
import { candidateFeatures, candidateFields, compileModel, modelScore, paperContext, paperText, termWeightsByField } from '../../src/classify/field-model.js';
import { compileTextWeights, textScore } from '../../src/classify/field-text.js';
import { DEFAULT_TRAIN_OPTIONS, scorePapers, trainFieldModel, type LabelledPaper } from '../../src/classify/field-training.js';
import type { TaxonomyFile } from '../../src/classify/schema.js';
import { CollabscopeError } from '../../src/errors.js';
import { NO_PAPERLISTS } from '../shared.js';
import { inventedTaxonomy, rawPaper } from './helpers.js';

test('field model: the shipped file validates, and every weight names a known field, signal or taxonomy term', () => {
  const model = loadFieldModel();
  const taxonomy = loadTaxonomy();
  const fields = new Map(taxonomy.fields.map((f) => [f.id, f]));
  const shared = new Set<string>([...SIGNAL_ORDER, ...SIGNAL_ORDER.map((s) => `no-abstract:${s}`), 'named', 'top', 'share', 'lead']);
  const own = new Set<string>([...SIGNAL_ORDER, 'bias', 'no-abstract', 'lead', 'max-points']);
  assert.ok(Object.keys(model.weights).length > 50);
  for (const name of Object.keys(model.weights)) {
    if (shared.has(name)) continue;
    const [field, kind, ...rest] = name.split(':');
    assert.ok(fields.has(field), `${name}: unknown field`);
    if (kind === 'term') assert.ok(rest.join(':') in fields.get(field)!.terms, `${name}: not a term of ${field}`);
    else if (kind === 'with') assert.ok(fields.has(rest[0]), `${name}: unknown field`);
    else assert.ok(own.has(kind), `${name}: unknown feature`);
  }
});

test('field model: a file that breaks the schema is one E_KB error naming the file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'collabscope-model-')), 'field-model.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(FIELD_MODEL_FILE, 'utf8')), transform: 'cubic' }));
  assert.throws(() => createClassifier({ fieldModelFile: path }), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_KB' && e.message.includes(path));
});

/** A three-field taxonomy: "beta" gives b three times the points "alpha" gives a. */
function tinyTaxonomy(): TaxonomyFile {
  return inventedTaxonomy({ a: { alpha: 1 }, b: { beta: 3 }, other: { omega: 1 } });
}

test('trainer: on an invented corpus it learns the obvious rule (alpha means a, though beta has more points)', () => {
  const taxonomy = tinyTaxonomy();
  const papers: LabelledPaper[] = [];
  for (let i = 0; i < 12; i++) {
    papers.push({ paper: rawPaper({ title: `alpha beta study ${i}`, abstract: 'We study beta.' }), primaryField: 'a', group: 'x' });
    papers.push({ paper: rawPaper({ title: `beta study ${i}`, abstract: 'We study beta.' }), primaryField: 'b', group: 'x' });
  }
  const model = trainFieldModel(taxonomy, scorePapers(taxonomy, papers), { ...DEFAULT_TRAIN_OPTIONS, l2: 0.01 });
  const classify = createFieldClassifier(taxonomy, model);
  const unseen = classify(rawPaper({ title: 'Beta and alpha revisited', abstract: 'Beta, beta and beta.' }));
  assert.equal(unseen.fields[0], 'a');
  assert.ok(unseen.fields.includes('b'), 'b stays a secondary field by its points');
  assert.equal(classify(rawPaper({ title: 'Beta revisited', abstract: 'Beta.' })).fields[0], 'b');
  // every reported field shows its points and what each signal added to the model's score
  const a = unseen.evidence.filter((e) => e.field === 'a');
  // the shipped options train no hashed words (field-training.ts), so no text-model record
  assert.deepEqual(a.map((e) => e.signal), ['title', 'model']);
  assert.ok(a.every((e) => typeof e.contribution === 'number'));
  const model2 = trainFieldModel(taxonomy, scorePapers(taxonomy, papers), { ...DEFAULT_TRAIN_OPTIONS, l2: 0.01 });
  assert.deepEqual(model2, model, 'training is deterministic');
});

test('field model: the shipped weights are what `npm run train:fields` makes from the label fixtures', { skip: NO_PAPERLISTS }, async () => {
  const { spawnSync } = await import('node:child_process');
  const out = mkdtempSync(join(tmpdir(), 'collabscope-train-'));
  const root = join(import.meta.dirname, '..', '..');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'train-fields.ts'), '--out', join(out, 'model.json')], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.ok(readFileSync(join(out, 'model.json'), 'utf8') === readFileSync(FIELD_MODEL_FILE, 'utf8'), 'data/taxonomy/field-model.json is stale: run npm run train:fields');
});

test('field model: the compiled scorer gives what the named features and their weights give', () => {
  const taxonomy = loadTaxonomy();
  const model = loadFieldModel();
  const score = createFieldScorer(taxonomy);
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const scorer = compileModel(model, taxonomy.fields.map((f) => f.id));
  const papers = [
    rawPaper({ title: 'Fairness in machine translation', abstract: 'Large language models translate text. We measure bias across languages and propose a debiasing method.' }),
    rawPaper({ title: 'Robot grasping from images', abstract: null, topic: 'Applications->Robotics', track: 'Datasets and Benchmarks' }),
    rawPaper({ title: 'A new method', venue: 'CVPR', keywords: ['graph neural networks', 'convex optimization'] }),
    rawPaper({ title: 'On the matter at hand', abstract: 'We discuss it.' }),
  ];
  for (const paper of papers) {
    const tally = score(paper);
    const text = paperText(paper, model);
    const context = paperContext(tally, paper.abstract !== null, order, text);
    const tables = model.text ? compileTextWeights(model.text.weights, model.text.bits) : null;
    for (const field of candidateFields(tally)) {
      const words = text && tables ? textScore(text, tables.get(field)) : 0;
      const named = modelScore(candidateFeatures(tally, field, context, model), model.weights) + words;
      assert.ok(Math.abs(scorer.score(tally, field, context) - named) < 1e-9, `${paper.title} ${field}`);
      const parts = scorer.explain(tally, field, context);
      assert.ok(Math.abs(parts.text - words) < 1e-12, 'the text part is the hashed words times the field weights');
      const sum = parts.bySignal.reduce((s, p) => s + p.contribution, 0) + parts.rest.contribution + parts.text;
      assert.ok(Math.abs(parts.score - sum) < 1e-9, 'the parts add up to the score');
    }
  }
});

test('field model: the term weights grouped in one pass are, per field and in order, those whose name starts with <field>:term:', () => {
  const scan = (weights: Record<string, number>, field: string) => Object.entries(weights).filter(([name]) => name.startsWith(`${field}:term:`));
  const model = loadFieldModel();
  const ids = loadTaxonomy().fields.map((f) => f.id);
  const grouped = termWeightsByField(model.weights, ids);
  assert.ok(grouped);
  for (const field of ids) assert.deepEqual(grouped.get(field) ?? [], scan(model.weights, field), field);
  // invented names: a term with ':term:' in it, a field that is a prefix of another, an unknown field, no term
  const weights = { 'a:term:x': 1, 'ab:term:y': 2, 'a:term:z:term:w': 3, 'q:term:x': 4, 'a:bias': 5, ':term:x': 6, 'a:term:': 7, term: 8 };
  const invented = termWeightsByField(weights, ['a', 'ab', 'c']);
  assert.ok(invented);
  for (const field of ['a', 'ab', 'c']) assert.deepEqual(invented.get(field) ?? [], scan(weights, field), field);
  assert.equal(termWeightsByField(weights, ['a', 'b:c']), null, 'a field id with a colon: scanned per field');
});
