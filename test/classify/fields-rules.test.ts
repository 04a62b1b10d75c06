// The field scorer's cross-field rules: venue priors, concern fields, method fields yielding to a topic.
// Expected points are computed by hand from the shipped weights (title x3; concern x1.3; method x0.7).
// The points are the field model's features; which field is primary is the trained model's choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier, loadTaxonomy } from '../../src/classify/index.js';
import { CollabscopeError } from '../../src/errors.js';
import { pointsOf, rawPaper, taxonomyVariant } from './helpers.js';

const classifier = createClassifier();
const classify = (fields: Parameters<typeof rawPaper>[0]) => classifier.classifyFields(rawPaper(fields));

test('venue prior: a title with no field terms at CVPR is vision, by the venue alone; at NeurIPS it is other', () => {
  const atCvpr = classify({ title: 'A new method', venue: 'CVPR' });
  assert.deepEqual(atCvpr.fields, ['vision']);
  assert.deepEqual(pointsOf(atCvpr.evidence), [{ field: 'vision', signal: 'venue', terms: ['CVPR'], score: 4 }]);
  assert.deepEqual(classify({ title: 'A new method', venue: 'cvpr' }).fields, ['vision'], 'venue names compared in lower case');
  assert.deepEqual(classify({ title: 'A new method', venue: 'NeurIPS' }).fields, ['other']);
});

test('venue prior: evidence for another field outweighs it, and the venue field stays a secondary', () => {
  // safety: "adversarial attack*" 4 x 3 x 1.3 = 15.6; vision: "image*" 3 x 3 = 9, + CVPR prior 4 = 13
  const result = classify({ title: 'Adversarial attacks on image classifiers', venue: 'CVPR' });
  assert.deepEqual(result.fields, ['safety-alignment', 'vision']);
  assert.equal(result.evidence.find((e) => e.field === 'safety-alignment')?.score, 15.6);
  assert.deepEqual(
    pointsOf(result.evidence).filter((e) => e.field === 'vision').map((e) => [e.signal, e.score]),
    [['title', 9], ['venue', 4]],
  );
});

test('concern fields: a safety term and an NLP term of equal weight: the concern gets more points (15 x 1.3 = 19.5 > 15)', () => {
  const result = classify({ title: 'Fairness in machine translation' });
  assert.deepEqual(result.fields, ['safety-alignment', 'llm-nlp']);
  const points = (evidence: typeof result.evidence) => pointsOf(evidence).map((e) => [e.field, e.score]).sort();
  assert.deepEqual(points(result.evidence), [['llm-nlp', 15], ['safety-alignment', 19.5]]);
  // without the factor the two tie at 15
  const plain = createClassifier({ taxonomyFile: taxonomyVariant((json) => delete json.scoring.concernFactor) });
  assert.deepEqual(points(plain.classifyFields(rawPaper({ title: 'Fairness in machine translation' })).evidence), [['llm-nlp', 15], ['safety-alignment', 15]]);
});

test('method fields yield to a topic field: 18 x 0.7 = 12.6 points against 15; without the rule 18', () => {
  const title = 'Variational inference with priors for semantic segmentation';
  const result = classify({ title });
  assert.deepEqual([...result.fields].sort(), ['probabilistic-methods', 'vision']);
  const points = (evidence: typeof result.evidence) => pointsOf(evidence).map((e) => [e.field, e.score]).sort();
  assert.deepEqual(points(result.evidence), [['probabilistic-methods', 12.6], ['vision', 15]]);
  const plain = createClassifier({ taxonomyFile: taxonomyVariant((json) => delete json.scoring.methodYield) });
  assert.deepEqual(points(plain.classifyFields(rawPaper({ title })).evidence), [['probabilistic-methods', 18], ['vision', 15]]);
});

test('method fields keep their score when no topic field has evidence, and venue labels are never scaled', () => {
  // "variational inference" 5 + "prior*" 1, x 3 = 18, no topic field: no yield
  assert.deepEqual(pointsOf(classify({ title: 'Variational inference with priors' }).evidence), [{ field: 'probabilistic-methods', signal: 'title', terms: ['variational inference', 'prior*'], score: 18 }]);
  // the parent label's 5 points for deep-learning stay 5 although generative-models (12) has evidence
  const labelled = classify({ title: 'A new method', topic: 'Deep Learning->Generative Models and Autoencoders' });
  assert.equal(labelled.evidence.find((e) => e.field === 'deep-learning')?.score, 5);
});

test('taxonomy: roles and venue priors are declared in the data file; an unknown prior field is rejected', () => {
  const taxonomy = loadTaxonomy();
  const role = (id: string) => taxonomy.fields.find((f) => f.id === id)?.role ?? 'topic';
  assert.deepEqual(['theory', 'optimization', 'probabilistic-methods', 'deep-learning'].map(role), ['method', 'method', 'method', 'method']);
  assert.deepEqual(['safety-alignment', 'ml-systems', 'datasets-benchmarks'].map(role), ['concern', 'concern', 'concern']);
  assert.equal(role('vision'), 'topic');
  assert.ok((taxonomy.venuePriors?.rules ?? []).some((r) => r.venues.includes('CVPR') && r.field === 'vision'));
  const bad = taxonomyVariant((json) => json.venuePriors.rules.push({ venues: ['X'], field: 'no-such-field', score: 1 }));
  assert.throws(() => loadTaxonomy(bad), (e: unknown) => e instanceof CollabscopeError && /no-such-field/.test(e.message));
});
