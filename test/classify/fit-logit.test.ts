// The conditional-logit fit behind the field model, on hand-computable cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitConditionalLogit, type Choice } from '../../src/classify/fit-logit.js';

const choice = (label: number, ...candidates: Array<Record<string, number>>): Choice => ({ label, candidates: candidates.map((c) => new Map(Object.entries(c))) });

test('fit: one feature, chosen 3 times in 4: the weight is ln 3 (P = 3/4), without a penalty', () => {
  const choices = [choice(0, { a: 1 }, {}), choice(0, { a: 1 }, {}), choice(0, { a: 1 }, {}), choice(1, { a: 1 }, {})];
  const { weights } = fitConditionalLogit(choices, { l2: 0, tolerance: 1e-10 });
  assert.ok(Math.abs(weights.get('a')! - Math.log(3)) < 1e-6, String(weights.get('a')));
});

test('fit: an L2 penalty shrinks the weight; a prior is where a weight the data never shows stays', () => {
  const choices = [choice(0, { a: 1 }, {}), choice(0, { a: 1 }, {}), choice(0, { a: 1 }, {}), choice(1, { a: 1 }, {})];
  const { weights } = fitConditionalLogit(choices, { l2: 0.1, priors: { unseen: 2.5 } });
  // optimum: 3/4 - sigmoid(w) = 0.1 w (the gradient of the mean loss plus the penalty is zero)
  const w = weights.get('a')!;
  assert.ok(w > 0 && w < Math.log(3));
  assert.ok(Math.abs(0.75 - 1 / (1 + Math.exp(-w)) - 0.1 * w) < 1e-5);
  assert.equal(weights.get('unseen'), 2.5);
});

test('fit: recovers an obvious rule (the candidate with feature "right" is chosen) and is deterministic', () => {
  const choices: Choice[] = [];
  for (let i = 0; i < 30; i++) {
    const noise = (i * 7) % 5;
    // the right candidate is sometimes first, sometimes last, and the noise feature points the wrong way
    const right = { right: 1, noise: noise / 5 };
    const wrong = { noise: 1 - noise / 5 };
    choices.push(i % 2 ? choice(0, right, wrong) : choice(1, wrong, right));
  }
  const first = fitConditionalLogit(choices, { l2: 0.01 });
  assert.ok(first.weights.get('right')! > 1, JSON.stringify([...first.weights]));
  assert.deepEqual([...fitConditionalLogit(choices, { l2: 0.01 }).weights], [...first.weights]);
});

test('fit: a soft target 3/4 on the first candidate gives the weight ln 3, as three hard choices in four do', () => {
  const soft: Choice = { ...choice(0, { a: 1 }, {}), target: [0.75, 0.25] };
  const { weights } = fitConditionalLogit([soft, soft], { l2: 0, tolerance: 1e-10 });
  assert.ok(Math.abs(weights.get('a')! - Math.log(3)) < 1e-6, String(weights.get('a')));
});

test('fit: a feature of the indexed block is fit like a named one, with its own penalty', () => {
  const block = (k: number) => ({ idx: Int32Array.from(k === 0 ? [1] : []), val: Float64Array.from(k === 0 ? [1] : []) });
  const hard = (label: number): Choice => ({ ...choice(label, {}, {}), block: [block(0), block(1)] });
  const choices = [hard(0), hard(0), hard(0), hard(1)];
  const fit = fitConditionalLogit(choices, { l2: 0, tolerance: 1e-10, block: { size: 3, l2: 0 } });
  assert.ok(Math.abs(fit.block[1] - Math.log(3)) < 1e-6, String(fit.block[1]));
  assert.equal(fit.block[0], 0, 'a bucket no candidate has stays 0');
  const shrunk = fitConditionalLogit(choices, { l2: 0, block: { size: 3, l2: 0.1 } }).block[1];
  assert.ok(Math.abs(0.75 - 1 / (1 + Math.exp(-shrunk)) - 0.1 * shrunk) < 1e-5);
});
