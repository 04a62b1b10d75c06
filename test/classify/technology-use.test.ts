// Used or only mentioned, the year of introduction, derivatives, case variants and lists of models:
// the technology rules issue 15 asks for, on invented sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier } from '../../src/classify/index.js';
import { sentenceAround } from '../../src/classify/use.js';
import { rawPaper } from './helpers.js';

const classifier = createClassifier();
const hits = (abstract: string, extra: Parameters<typeof rawPaper>[0] = { title: 'A paper' }) => classifier.detectTechnologies(rawPaper({ ...extra, abstract }));
const hit = (abstract: string, id: string, extra?: Parameters<typeof rawPaper>[0]) => hits(abstract, extra).find((h) => h.id === id);
const use = (abstract: string, id: string, extra?: Parameters<typeof rawPaper>[0]) => hit(abstract, id, extra)?.use;

test('use: negation makes a mention', () => {
  assert.equal(use('Our sampler does not rely on GANs to produce images.', 'gan'), 'mentioned');
  assert.equal(use('We synthesise faces without a GAN.', 'gan'), 'mentioned');
  assert.match(hit('We synthesise faces without a GAN.', 'gan')?.cue ?? '', /^negation: without/);
});

test('use: prior work makes a mention, the paper itself a use', () => {
  assert.equal(use('Transformer-based methods are ineffective on long inputs. We propose a recurrent memory.', 'transformer'), 'mentioned');
  assert.equal(use('Existing Transformer-based detectors drift over time.', 'transformer'), 'mentioned');
  assert.equal(use('Large models such as GPT-4 have shown strong reasoning.', 'gpt'), 'mentioned');
  // the same sentence in the first person speaks of the paper's own work
  assert.equal(use('We show that GPT-4 has learned the rule.', 'gpt'), 'used');
  // a prior-work noun phrase after the occurrence is the paper's result, not its background
  assert.equal(use('With Transformer backbones the model beats previous methods.', 'transformer'), 'used');
});

test('use: comparison makes a mention of the comparator only', () => {
  const text = 'We fine-tune Llama-2 on the task; it outperforms GPT-4 and Claude 3 Opus.';
  assert.equal(use(text, 'llama'), 'used');
  assert.equal(use(text, 'gpt'), 'mentioned');
  assert.equal(use(text, 'claude'), 'mentioned');
  assert.equal(use('The small model reaches better accuracy than ResNet-50 on the benchmark.', 'resnet'), 'mentioned');
  assert.equal(use('Our tagger obtains comparable results to ChatGPT.', 'gpt'), 'mentioned');
  // a dotted version number does not end the comparison's reach
  assert.equal(use('The system outperforms strong models like GPT-3.5 and GPT-4.', 'gpt'), 'mentioned');
});

test('use: any use in the paper wins over mentions', () => {
  assert.equal(use('Existing GAN methods fail on small data. We train a GAN with a new loss.', 'gan'), 'used');
});

test('use: the title is a use unless negated; keywords alone are a topic, not a use', () => {
  assert.equal(use('', 'clip', { title: 'Boosting CLIP for few-shot anomaly detection' }), 'used');
  assert.equal(use('We study point clouds.', 'gan', { title: 'A paper', keywords: ['generative models, GANs'] }), 'mentioned');
});

test('generic phrases are not the named model', () => {
  assert.equal(hit('We train deep residual networks with skip connections.', 'resnet'), undefined);
  assert.equal(hit('Residual learning eases optimisation.', 'resnet'), undefined);
  assert.equal(hit('A ResNet-18 backbone.', 'resnet')?.use, 'used');
});

test('year of introduction: a paper older than the technology cannot use it', () => {
  assert.equal(hit('A transformer network for alignment.', 'transformer', { title: 'A paper', year: 2016 }), undefined);
  assert.equal(hit('A transformer network for alignment.', 'transformer', { title: 'A paper', year: 2017 })?.id, 'transformer');
  assert.equal(hit('We insert a spatial transformer module.', 'transformer', { title: 'A paper', year: 2019 }), undefined);
  assert.equal(hit('We fine-tune Qwen-7B.', 'qwen', { title: 'A paper', year: 2022 }), undefined);
});

test('derivatives by other makers are their own technology, marked as derived', () => {
  const found = hits('We distil into TinyLlama-1.1B and compare OpenLLaMA-7B weights.');
  assert.deepEqual(found.map((h) => h.id).sort(), ['openllama', 'tinyllama']);
  const tiny = found.find((h) => h.id === 'tinyllama')!;
  assert.deepEqual([tiny.origin.country, tiny.derivedFrom], ['SG', 'llama']);
  assert.equal(hit('Vicuna-13B answers.', 'vicuna')?.derivedFrom, 'llama');
});

test('case variants', () => {
  const found = hits('We build on the DEtection TRansformer for objects.');
  assert.ok(found.some((h) => h.id === 'detr'));
  assert.ok(found.some((h) => h.id === 'transformer'));
  assert.deepEqual(hit('Judged by CLAUDE-3-OPUS and gpt-4o.', 'claude')?.matched, ['CLAUDE-3-OPUS']);
});

test('lists of models: the animal guard does not fire in a paper about language models', () => {
  const found = hits('We evaluate the language models Vicuna, MPT, Falcon, Mistral, and Llama 2.').map((h) => h.id);
  for (const id of ['vicuna', 'mpt', 'falcon', 'mistral', 'llama']) assert.ok(found.includes(id), id);
  assert.deepEqual(hits('Vicunas, guanacos and llamas graze on the Andean plateau.'), []);
});

test('names in links and metrics named after a model are not uses', () => {
  assert.equal(hit('Code at https://github.com/example/Qwen-tools for everyone.', 'qwen'), undefined);
  assert.equal(hit('Quality is measured by BERTScore.', 'bert'), undefined);
});

test('sentenceAround: the sentence holding an occurrence and its offset', () => {
  const text = 'First one. Then GPT-4.5 appears here. Last.';
  const start = text.indexOf('GPT');
  const { sentence, offset } = sentenceAround(text, start, start + 7);
  assert.equal(sentence.trim(), 'Then GPT-4.5 appears here.');
  assert.equal(sentence.slice(offset, offset + 7), 'GPT-4.5');
});
