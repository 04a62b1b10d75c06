// Property tests: resolution never throws and always answers in the contract's shape, whatever the text.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Affiliation } from '../../src/types.js';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-prop-'));
const { createResolver } = await import('../../src/resolve/index.js');
const { cleanText, tokenize } = await import('../../src/resolve/normalize.js');
const resolver = createResolver({ curatedDir: join(import.meta.dirname, 'fixtures', 'kb'), kbDirs: [] });

const METHODS = new Set(['alias', 'acronym', 'domain', 'place', 'pattern', 'fuzzy', 'hq-default', 'author-context', 'corpus-context', 'llm', 'unresolved']);

function checkShape(raw: string, result: Affiliation[]): void {
  assert.ok(result.length >= 1, 'at least one affiliation');
  for (const a of result) {
    assert.equal(a.raw, raw);
    assert.ok(METHODS.has(a.method), a.method);
    assert.ok(a.country === null || /^[A-Z]{2}$/.test(a.country), `country ${a.country}`);
    assert.ok(a.hqCountry === null || /^[A-Z]{2}$/.test(a.hqCountry));
    assert.ok(a.confidence >= 0 && a.confidence <= 1);
    assert.ok(Array.isArray(a.evidence));
    if (a.method === 'unresolved') assert.ok(a.reason, 'unresolved answers say why');
  }
}

/** Words that exercise the rules: names, acronyms, places, separators, OCR marks. */
const pieces = fc.constantFrom(
  'University', 'of', 'California', 'Berkeley', 'MIT', 'CSAIL', 'Google', 'DeepMind', 'NTU', 'Northeastern', 'Shenyang',
  'Cambridge', 'MA', 'CA 94720', 'China', 'Hong Kong', ',', ';', '+', ' and ', '&', '/', '(', ')', '-', ' ¨u', '´e', '`a',
  'Dept.', 'Univ.', "Noah's", 'Ark', 'Lab', 'Montreal', '100084', 'Department of Computer Science', 'Independent Researcher',
  '\u0308', '\ufb01', '†', '∗', '  ', '.', "'", 'ß', 'İ', '中国科学院', '😀',
);

describe('resolution never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.option(fc.string({ maxLength: 40 }), { nil: null }), (text, email) => {
        checkShape(text, resolver.resolve(text, email));
      }),
      { numRuns: 800 },
    );
  });

  it('on texts made of the words the rules look at', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 25 }), fc.boolean(), (words, spaced) => {
        const text = words.join(spaced ? ' ' : '');
        checkShape(text, resolver.resolve(text));
      }),
      { numRuns: 800 },
    );
  });

  it('for whole authors, with any affiliations and e-mail domain', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 5 }), fc.option(fc.domain(), { nil: null }), (affiliations, emailDomain) => {
        const result = resolver.resolveAuthor({ name: 'X', affiliations, emailDomain });
        for (const a of result) assert.ok(a.country === null || /^[A-Z]{2}$/.test(a.country));
      }),
      { numRuns: 400 },
    );
  });

  it('on values that are not strings at all', () => {
    for (const value of [null, undefined, 42, {}, []]) {
      assert.doesNotThrow(() => resolver.resolve(value as unknown as string));
      assert.doesNotThrow(() => resolver.resolveAuthor({ name: 'X', affiliations: [value as unknown as string] }));
    }
  });
});

describe('normalisation is stable', () => {
  it('cleaning twice changes nothing more', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => assert.equal(cleanText(cleanText(text)), cleanText(text))), { numRuns: 500 });
  });

  it('tokens point into the cleaned text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const cleaned = cleanText(text);
        for (const t of tokenize(cleaned)) {
          assert.ok(t.start >= 0 && t.end <= cleaned.length && t.start < t.end);
          assert.ok(t.norm.length > 0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
