import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier, loadTaxonomy } from '../../src/classify/index.js';
import { normalizeToken, tokenize } from '../../src/classify/text.js';
import { pointsOf, rawPaper } from './helpers.js';

const classifier = createClassifier();
const classify = (fields: Parameters<typeof rawPaper>[0]) => classifier.classifyFields(rawPaper(fields));

test('taxonomy: has every id the issue requires, each with a definition and terms', () => {
  const taxonomy = loadTaxonomy();
  const ids = taxonomy.fields.map((f) => f.id);
  for (const id of ['llm-nlp', 'vision', 'multimodal', 'reinforcement-learning', 'theory', 'optimization', 'generative-models', 'graph-learning', 'robotics', 'safety-alignment', 'ml-systems', 'science-health', 'datasets-benchmarks', 'other']) {
    assert.ok(ids.includes(id), id);
  }
  for (const field of taxonomy.fields) assert.ok(Object.keys(field.terms).length >= 10, `${field.id} has too few terms`);
});

test('tokens: lower case, plural dropped, hyphens split words', () => {
  assert.deepEqual(tokenize('Large Language Models (LLMs)'), ['large', 'language', 'model', 'llm']);
  assert.deepEqual(tokenize('Self-Supervised policies'), ['self', 'supervised', 'policy']);
  assert.equal(normalizeToken('boxes'), 'box');
  assert.equal(normalizeToken('process'), 'process');
  assert.equal(normalizeToken('analysis'), 'analysis');
  assert.deepEqual(tokenize('Régression'), ['regression']);
});

test('fields: title terms decide, with the terms recorded as evidence', () => {
  const result = classify({ title: 'Instruction Tuning of Large Language Models', abstract: 'We study how to tune models.' });
  assert.equal(result.fields[0], 'llm-nlp');
  const evidence = result.evidence.find((e) => e.field === 'llm-nlp' && e.signal === 'title');
  assert.ok(evidence);
  assert.deepEqual(evidence.terms.sort(), ['instruction tuning', 'large language model']);
  assert.equal(evidence.score, (4 + 5) * 3);
});

test('fields: a title hit gives three times the points of the same term in the abstract, and the title breaks a tie', () => {
  const inTitle = classify({ title: 'Semantic segmentation', abstract: 'A policy gradient method.' });
  const points = (r: typeof inTitle, field: string) => pointsOf(r.evidence).filter((e) => e.field === field).map((e) => [e.signal, e.score]);
  assert.deepEqual(points(inTitle, 'vision'), [['title', 15]]);
  assert.deepEqual(points(inTitle, 'reinforcement-learning'), [['abstract', 5]]);
  // both terms in the abstract, one in the title: the title decides (the model, not a hand rule)
  const abstract = 'We propose a policy gradient method for semantic segmentation.';
  assert.equal(classify({ title: 'Semantic segmentation', abstract }).fields[0], 'vision');
  assert.equal(classify({ title: 'Policy gradient', abstract }).fields[0], 'reinforcement-learning');
});

test('fields: phrases are read whole ("hate speech" is NLP, not speech)', () => {
  const result = classify({ title: 'Detecting hate speech in online text', abstract: null });
  assert.equal(result.fields[0], 'llm-nlp');
  assert.ok(!result.fields.includes('speech-audio'));
});

test('fields: primary plus secondaries, primary first', () => {
  const result = classify({
    title: 'Visual Question Answering with Vision-Language Models',
    abstract: 'We fine-tune a large language model on images and answer questions about each image.',
  });
  assert.equal(result.fields[0], 'multimodal');
  assert.ok(result.fields.includes('llm-nlp'));
  assert.ok(result.fields.includes('vision'));
  assert.ok(result.fields.length <= loadTaxonomy().scoring.maxFields);
});

test('fields: a venue label names its field and outranks weak text (NeurIPS topic "Applications->Language")', () => {
  const result = classify({ title: 'A new method', abstract: 'We propose a policy for image data.', topic: 'Applications->Language' });
  assert.equal(result.fields[0], 'llm-nlp');
  assert.deepEqual(pointsOf(result.evidence)[0], { field: 'llm-nlp', signal: 'venue-label', terms: ['Language'], score: 12 });
});

test('fields: a parent label segment adds its field with a smaller score', () => {
  const result = classify({ title: 'A new method', topic: 'Deep Learning->Generative Models and Autoencoders' });
  assert.deepEqual(result.fields.slice(0, 2), ['generative-models', 'deep-learning']);
  const parent = result.evidence.find((e) => e.field === 'deep-learning');
  assert.equal(parent?.score, 5);
});

test('fields: an unknown child under a known parent: the parent names the field, the child is read as text', () => {
  const result = classify({ title: 'A model of cortex', topic: 'Neuroscience and Cognitive Science->Neural Coding' });
  assert.equal(result.fields[0], 'science-health');
  const label = result.evidence.filter((e) => e.signal === 'venue-label');
  assert.deepEqual(label.map((e) => e.terms).flat().sort(), ['Neuroscience and Cognitive Science', 'neural coding']);
  // "Applications" names no field: the text decides
  assert.equal(classify({ title: 'Robot grasping', topic: 'Applications->Everything Else' }).fields[0], 'robotics');
});

test('fields: OpenReview primary_area values map through the label rules', () => {
  assert.equal(classify({ title: 'x', topic: 'generative_models' }).fields[0], 'generative-models');
  assert.equal(classify({ title: 'x', topic: 'reinforcement_learning' }).fields[0], 'reinforcement-learning');
  assert.equal(classify({ title: 'x', topic: 'learning_on_graphs_and_other_geometries_&_topologies' }).fields[0], 'graph-learning');
  assert.equal(classify({ title: 'x', topic: 'alignment, fairness, safety, privacy, and societal considerations' }).fields[0], 'safety-alignment');
  assert.equal(classify({ title: 'x', topic: 'machine_vision' }).fields[0], 'vision');
  assert.equal(classify({ title: 'x', topic: 'Computer Vision' }).fields[0], 'vision'); // IJCAI area
  assert.equal(classify({ title: 'x', topic: 'foundation or frontier models, including LLMs' }).fields[0], 'llm-nlp');
});

test('fields: a label naming no single field leaves the decision to the text', () => {
  const result = classify({
    title: 'Open-vocabulary object detection',
    topic: 'applications_to_computer_vision,_audio,_language,_and_other_modalities',
  });
  assert.equal(result.fields[0], 'vision');
  assert.ok(!result.evidence.some((e) => e.signal === 'venue-label'));
});

test('fields: an unknown label segment is scored as text, under the venue-label signal', () => {
  const result = classify({ title: 'x', topic: 'Deep Learning->Graph Transformers for Molecules' });
  const label = result.evidence.find((e) => e.signal === 'venue-label' && e.field === 'graph-learning');
  assert.ok(label, JSON.stringify(result.evidence));
});

test('fields: the Datasets and Benchmarks track decides datasets-benchmarks', () => {
  const result = classify({ title: 'Protein structure prediction at scale', track: 'Datasets and Benchmarks' });
  assert.equal(result.fields[0], 'datasets-benchmarks');
  assert.equal(result.evidence[0].signal, 'track');
  assert.ok(result.fields.includes('science-health'));
});

test('fields: author keywords count, each keyword on its own', () => {
  const result = classify({ title: 'A study', keywords: ['reinforcement learning', 'offline RL'] });
  assert.equal(result.fields[0], 'reinforcement-learning');
  assert.equal(result.evidence[0].signal, 'keywords');
});

test('fields: nothing to go on gives `other` with a fallback record', () => {
  const result = classify({ title: 'On the matter at hand', abstract: 'We discuss it.' });
  assert.deepEqual(result.fields, ['other']);
  assert.deepEqual(pointsOf(result.evidence), [{ field: 'other', signal: 'fallback', terms: [], score: 0 }]);
  assert.equal(result.evidence.length, 1, 'one fallback record: the LLM step places exactly these papers');
  assert.equal(typeof result.evidence[0].contribution, 'number', "the fallback record carries other's model score");
});

test('fields: deterministic, independent of earlier papers', () => {
  const paper = { title: 'Graph neural networks for traffic forecasting', abstract: 'Nodes, edges and time series.' };
  const first = classify(paper);
  classify({ title: 'Something else about robots' });
  assert.deepEqual(classify(paper), first);
  assert.deepEqual(createClassifier().classifyFields(rawPaper(paper)), first);
});

test('fields: strong text outweighs the venue prior (same text at COLM and CVPR: robotics)', () => {
  const text = { title: 'Learning to grasp with tactile feedback', abstract: 'A robot arm.' };
  assert.deepEqual(classify({ ...text, venue: 'COLM' }).fields, ['robotics']);
  assert.deepEqual(classify({ ...text, venue: 'CVPR' }).fields, ['robotics']);
});
