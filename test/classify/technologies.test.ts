import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier, loadTechnologies } from '../../src/classify/index.js';
import { cleanMatch } from '../../src/classify/technologies.js';
import { rawPaper } from './helpers.js';

const classifier = createClassifier();
const detect = (abstract: string, title = 'A paper') => classifier.detectTechnologies(rawPaper({ title, abstract }));
const ids = (abstract: string) => detect(abstract).map((h) => h.id);
const matchedFor = (abstract: string, id: string) => detect(abstract).find((h) => h.id === id)?.matched;

test('technologies: the origins the issue requires', () => {
  const expected: Record<string, [string, string]> = {
    transformer: ['Google', 'US'], bert: ['Google', 'US'], t5: ['Google', 'US'], vit: ['Google', 'US'], gemini: ['Google', 'US'], gemma: ['Google', 'US'],
    gpt: ['OpenAI', 'US'], clip: ['OpenAI', 'US'], whisper: ['OpenAI', 'US'], llama: ['Meta', 'US'], claude: ['Anthropic', 'US'], phi: ['Microsoft', 'US'],
    mistral: ['Mistral AI', 'FR'], 'stable-diffusion': ['Stability AI', 'GB'], qwen: ['Alibaba', 'CN'], deepseek: ['DeepSeek', 'CN'], glm: ['Zhipu AI', 'CN'],
    internlm: ['Shanghai AI Laboratory', 'CN'], baichuan: ['Baichuan Intelligence', 'CN'], yi: ['01.AI', 'CN'], ernie: ['Baidu', 'CN'], resnet: ['Microsoft Research Asia', 'CN'],
  };
  const byId = new Map(loadTechnologies().technologies.map((t) => [t.id, t]));
  for (const [id, [organization, country]] of Object.entries(expected)) {
    const tech = byId.get(id);
    assert.ok(tech, id);
    assert.deepEqual([tech.organization, tech.country], [organization, country], id);
  }
});

test('technologies: every example and counter-example in the data file', () => {
  for (const tech of loadTechnologies().technologies) {
    for (const { text, matched } of tech.examples) {
      const hit = detect(text).find((h) => h.id === tech.id);
      assert.ok(hit, `${tech.id}: no hit in "${text}"`);
      assert.ok(hit.matched.includes(matched), `${tech.id}: "${text}" matched ${JSON.stringify(hit.matched)}, expected "${matched}"`);
    }
    for (const text of tech.counterExamples) {
      assert.ok(!ids(text).includes(tech.id), `${tech.id}: false hit in "${text}"`);
    }
  }
});

test('technologies: variants named in the issue', () => {
  assert.deepEqual(matchedFor('We fine-tune Llama-2 and LLaMA3 and LLaMA.', 'llama'), ['Llama-2', 'LLaMA3', 'LLaMA']);
  assert.deepEqual(matchedFor('Qwen2.5-VL reads charts.', 'qwen'), ['Qwen2.5-VL']);
  assert.deepEqual(matchedFor('We compare against GPT-4o.', 'gpt'), ['GPT-4o']);
  assert.deepEqual(matchedFor('Mixtral-8x7B and Mistral-7B-Instruct.', 'mistral'), ['Mixtral-8x7B', 'Mistral-7B-Instruct']);
  assert.deepEqual(matchedFor('ChatGLM2-6B and GLM-4.', 'glm'), ['ChatGLM2-6B', 'GLM-4']);
  assert.deepEqual(matchedFor('InternLM2 and InternVL-Chat.', 'internlm'), ['InternLM2', 'InternVL-Chat']);
  assert.deepEqual(matchedFor('Baichuan2-13B and Yi-34B.', 'yi'), ['Yi-34B']);
  assert.deepEqual(matchedFor('DeepSeek-V3 and DeepSeek-R1.', 'deepseek'), ['DeepSeek-V3', 'DeepSeek-R1']);
  assert.deepEqual(matchedFor('Phi-3-mini and Gemma-2-9B.', 'phi'), ['Phi-3-mini']);
  assert.deepEqual(matchedFor('ERNIE-Bot in Chinese.', 'ernie'), ['ERNIE-Bot']);
  assert.deepEqual(matchedFor('A ResNet-50 and a ViT-B/16.', 'resnet'), ['ResNet-50']);
  assert.deepEqual(matchedFor('A ResNet-50 and a ViT-B/16.', 'vit'), ['ViT-B/16']);
  assert.deepEqual(matchedFor('Stable Diffusion XL and SDXL.', 'stable-diffusion'), ['Stable Diffusion XL', 'SDXL']);
  assert.deepEqual(matchedFor('We use Whisper for speech recognition.', 'whisper'), ['Whisper']);
  assert.deepEqual(matchedFor('CLIP embeddings of video clips.', 'clip'), ['CLIP']);
  assert.deepEqual(matchedFor('Compared with Claude 3 Opus.', 'claude'), ['Claude 3 Opus']);
  assert.deepEqual(matchedFor('Gemini 1.5 Pro long context.', 'gemini'), ['Gemini 1.5 Pro']);
  assert.deepEqual(matchedFor('mT5 and Flan-T5.', 't5'), ['mT5', 'Flan-T5']);
  assert.deepEqual(matchedFor('BERT-large and mBERT.', 'bert'), ['BERT-large', 'mBERT']);
});

test('technologies: false hits the issue names are not hits', () => {
  // the animal
  assert.deepEqual(ids('We photographed a llama grazing next to alpacas in the Andes.'), []);
  assert.deepEqual(ids('The llama is a domesticated camelid.'), []);
  // power transformers
  assert.ok(!ids('Fault detection in power transformers using dissolved gas analysis.').includes('transformer'));
  assert.ok(!ids('We model distribution transformer loads.').includes('transformer'));
  // phi as a variable
  assert.deepEqual(ids('Let $\\phi-1$ denote the inverse and phi the angle; $\\Phi-2$ is bounded.'), []);
  assert.deepEqual(ids('The feature map phi is learned.'), []);
  // GLM as generalised linear model, clip as a verb or noun, whisper as speech
  assert.deepEqual(ids('We fit a generalized linear model (GLM) and sparse GLMs.'), []);
  assert.deepEqual(ids('We clip gradients and split each video clip.'), []);
  assert.deepEqual(ids('A corpus of whispered speech.'), []);
  // other organisations' GPT-named models
  assert.deepEqual(ids('We evaluate GPT-J and GPT-NeoX and MiniGPT-4 quantised with GPTQ.'), []);
  // Yi as a name, Gemini the observatory, Claude Shannon
  assert.deepEqual(ids('As shown by Yi et al. and Yi-Fan Zhang.'), []);
  assert.deepEqual(ids('Spectra from the Gemini Observatory.'), []);
  assert.deepEqual(ids('Claude Shannon introduced entropy.'), []);
});

test('technologies: a plain "Llama" counts in a language-model context, not elsewhere', () => {
  assert.deepEqual(matchedFor('We compare large language models such as Llama and Mistral.', 'llama'), ['Llama']);
  assert.equal(matchedFor('A picture of a Llama on a hill.', 'llama'), undefined);
});

test('technologies: one hit per technology with every matched text (in order of appearance) and where it was found', () => {
  const hits = classifier.detectTechnologies(
    rawPaper({ title: 'Tuning Llama-2', abstract: 'We tune LLaMA-2-7B and Llama-2.', keywords: ['Llama'], fullText: 'Appendix: Llama-3-8B results with language models.' }),
  );
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0], {
    id: 'llama',
    name: 'Llama',
    origin: { organization: 'Meta', country: 'US' },
    matched: ['Llama-2', 'LLaMA-2-7B', 'Llama', 'Llama-3-8B'],
    where: ['title', 'abstract', 'keywords', 'fulltext'],
    use: 'used',
  });
});

test('technologies: hits come in data-file order and are deterministic', () => {
  const text = 'Qwen-7B vs GPT-4 vs Llama-3 on a Transformer.';
  const first = detect(text).map((h) => h.id);
  assert.deepEqual(first, ['transformer', 'gpt', 'llama', 'qwen']);
  assert.deepEqual(detect(text).map((h) => h.id), first);
});

test('technologies: trailing punctuation and hyphenated words are not part of a name', () => {
  assert.equal(cleanMatch('Qwen.'), 'Qwen');
  assert.equal(cleanMatch('LLaMA-based'), 'LLaMA');
  assert.equal(cleanMatch('Llama-2-7B-based'), 'Llama-2-7B');
  assert.deepEqual(matchedFor('LLaMA-based agents and Qwen-style prompts.', 'llama'), ['LLaMA']);
});
