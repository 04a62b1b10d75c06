// Whole texts that name no institution: the listed ones, and a modifier + field words + a role word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesNoInstitution } from '../../src/resolve/word-lists.js';
import { nameKey } from '../../src/resolve/normalize.js';

const names = (text: string) => namesNoInstitution(nameKey(text));

test('a modifier, then field words, ending with a role word, names no institution', () => {
  for (const text of ['independent ML consultant', 'independent contributor', 'Freelance Data Scientist', 'Independent AI Researcher', 'Self-employed consultant', 'Retired Engineer', 'Unaffiliated Machine Learning Researcher']) {
    assert.equal(names(text), true, text);
  }
  // the listed texts as before
  assert.equal(names('Unaffiliated'), true);
  assert.equal(names('Independent Scholar'), true);
});

test('any other word, no role word at the end, or no modifier first: an institution may be named', () => {
  for (const text of ['Independent University', 'Independent Consulting Group', 'Independent Zorbe Researcher', 'Consultant', 'Research Consultant', 'Private Research Hospital', 'Independent Data', 'Freelance']) {
    assert.equal(names(text), text === 'Freelance', text);
  }
});
