import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createClassifier, loadTaxonomy } from '../../src/classify/index.js';
import { rawPaper } from './helpers.js';

const classifier = createClassifier();
const ids = new Set(loadTaxonomy().fields.map((f) => f.id));
const words = fc.constantFrom('language', 'model', 'LLM', 'image', 'graph', 'policy', 'robot', 'bound', 'Llama-2', 'GPT-4o', 'phi', '$\\phi$', 'power', 'transformer', 'Qwen2.5-VL', 'the', 'of', '-', ';', '->', 'é');
const text = fc.array(fc.oneof(words, fc.string()), { maxLength: 40 }).map((w) => w.join(' '));

test('properties: any text gets 1..maxFields distinct known fields, with evidence for each', () => {
  const { maxFields } = loadTaxonomy().scoring;
  fc.assert(
    fc.property(text, text, fc.option(text), fc.array(text, { maxLength: 3 }), (title, abstract, topic, keywords) => {
      const result = classifier.classifyFields(rawPaper({ title, abstract, topic, keywords }));
      assert.ok(result.fields.length >= 1 && result.fields.length <= maxFields);
      assert.equal(new Set(result.fields).size, result.fields.length);
      for (const field of result.fields) {
        assert.ok(ids.has(field), field);
        assert.ok(result.evidence.some((e) => e.field === field), `no evidence for ${field}`);
      }
      assert.deepEqual(classifier.classifyFields(rawPaper({ title, abstract, topic, keywords })), result);
    }),
    { numRuns: 300 },
  );
});

test('properties: technology hits are distinct, non-empty and found in the text', () => {
  fc.assert(
    fc.property(text, text, (title, abstract) => {
      const hits = classifier.detectTechnologies(rawPaper({ title, abstract }));
      assert.equal(new Set(hits.map((h) => h.id)).size, hits.length);
      for (const hit of hits) {
        assert.ok(hit.matched.length > 0 && hit.where.length > 0);
        for (const m of hit.matched) assert.ok(`${title} ${abstract}`.includes(m), `${m} not in the text`);
      }
    }),
    { numRuns: 300 },
  );
});
