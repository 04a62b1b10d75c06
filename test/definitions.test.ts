import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affiliationCountry, paperCountries, paperHasPair, paperInScope, paperInTracks, parsePair } from '../src/definitions.js';
import { DEFAULT_DEFINITIONS, type Affiliation, type Author } from '../src/types.js';

const aff = (country: string | null, hqCountry: string | null = null): Affiliation => ({
  raw: 'x', institution: 'x', institutionId: null, country, hqCountry, sector: 'education', confidence: 1, method: 'alias', evidence: [],
});
const author = (...affiliations: Affiliation[]): Author => ({ name: 'a', affiliations });

test('china scope folds HK, MO, TW into CN only when greater', () => {
  assert.equal(affiliationCountry(aff('HK'), DEFAULT_DEFINITIONS), 'HK');
  assert.equal(affiliationCountry(aff('TW'), { ...DEFAULT_DEFINITIONS, chinaScope: 'greater' }), 'CN');
  assert.equal(affiliationCountry(aff('SG'), { ...DEFAULT_DEFINITIONS, chinaScope: 'greater' }), 'SG');
});

test('multinational labs: lab location or headquarters', () => {
  const msra = aff('CN', 'US');
  assert.equal(affiliationCountry(msra, DEFAULT_DEFINITIONS), 'CN');
  assert.equal(affiliationCountry(msra, { ...DEFAULT_DEFINITIONS, multinational: 'hq' }), 'US');
  assert.equal(affiliationCountry(aff(null), DEFAULT_DEFINITIONS), null);
});

test('first affiliation only', () => {
  const paper = { authors: [author(aff('US'), aff('CN'))] };
  assert.deepEqual(paperCountries(paper, DEFAULT_DEFINITIONS), ['CN', 'US']);
  assert.deepEqual(paperCountries(paper, { ...DEFAULT_DEFINITIONS, affiliations: 'first' }), ['US']);
});

test('dual-affiliated authors link a pair only when counted', () => {
  const dualOnly = { authors: [author(aff('US'), aff('CN')), author(aff('US'))] };
  const real = { authors: [author(aff('US'), aff('CN')), author(aff('CN'))] };
  assert.equal(paperHasPair(dualOnly, ['US', 'CN'], DEFAULT_DEFINITIONS), true);
  assert.equal(paperHasPair(dualOnly, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' }), false);
  assert.equal(paperHasPair({ authors: [author(aff('US')), author(aff('CN'))] }, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' }), true);
  assert.equal(paperHasPair(real, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' }), false);
});

test('main track only', () => {
  assert.equal(paperInTracks({ track: 'Demo Track' }, { ...DEFAULT_DEFINITIONS, tracks: 'main' }), false);
  assert.equal(paperInTracks({ track: 'main' }, { ...DEFAULT_DEFINITIONS, tracks: 'main' }), true);
  assert.equal(paperInTracks({ track: null }, { ...DEFAULT_DEFINITIONS, tracks: 'main' }), true);
  assert.equal(paperInTracks({ track: 'Demo Track' }, DEFAULT_DEFINITIONS), true);
});

test('pair parsing', () => {
  assert.deepEqual(parsePair('us,cn'), ['US', 'CN']);
  assert.deepEqual(parsePair('US-GB'), ['US', 'GB']);
  assert.throws(() => parsePair('US'), /two different ISO country codes/);
  assert.throws(() => parsePair('US,US'), /two different/);
});

test('--authors: first, last, first-last; a single author is both first and last', () => {
  const d = (authors: 'all' | 'first' | 'last' | 'first-last') => ({ ...DEFAULT_DEFINITIONS, authors });
  const three = { authors: [author(aff('US')), author(aff('FR')), author(aff('CN'))] };
  assert.deepEqual(paperCountries(three, d('all')), ['CN', 'FR', 'US']);
  assert.deepEqual(paperCountries(three, d('first')), ['US']);
  assert.deepEqual(paperCountries(three, d('last')), ['CN']);
  assert.deepEqual(paperCountries(three, d('first-last')), ['CN', 'US']);
  assert.equal(paperHasPair(three, ['US', 'CN'], d('first-last')), true);
  assert.equal(paperHasPair(three, ['US', 'FR'], d('first-last')), false);
  // one author with a US and a CN affiliation: first = last = that author
  const single = { authors: [author(aff('US'), aff('CN'))] };
  for (const whose of ['first', 'last', 'first-last'] as const) {
    assert.deepEqual(paperCountries(single, d(whose)), ['CN', 'US'], whose);
    assert.equal(paperHasPair(single, ['US', 'CN'], d(whose)), true, whose);
    assert.equal(paperHasPair(single, ['US', 'CN'], { ...d(whose), dualAffiliation: 'ignore' }), false, whose);
  }
  assert.deepEqual(paperCountries({ authors: [] }, d('first-last')), []);
});

test('--authors first with a dual-affiliated first author follows --affiliations and --dual-affiliation', () => {
  const paper = { authors: [author(aff('US'), aff('CN')), author(aff('CN'))] };
  const first = { ...DEFAULT_DEFINITIONS, authors: 'first' as const };
  assert.equal(paperHasPair(paper, ['US', 'CN'], first), true); // the first author alone spans both
  assert.equal(paperHasPair(paper, ['US', 'CN'], { ...first, affiliations: 'first' }), false); // only their US affiliation
  assert.equal(paperHasPair(paper, ['US', 'CN'], { ...first, dualAffiliation: 'ignore' }), false);
  // with every author, the CN co-author links the pair even when the dual author is ignored
  assert.equal(paperHasPair(paper, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' }), false);
  assert.equal(paperHasPair({ authors: [author(aff('US')), ...paper.authors] }, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, dualAffiliation: 'ignore' }), true);
});

test('--unlocated: a company named without a site is inferred, at headquarters, or unknown', () => {
  const unlocated: Affiliation = { ...aff('US', 'US'), method: 'hq-default' };
  const inferred: Affiliation = { ...unlocated, inferred: { country: 'CN', rule: 'co-author', paper: 'p', author: 'b', raw: 'x, Beijing', support: 1, agreeing: 1 } };
  const u = (unlocated: 'infer' | 'hq' | 'exclude') => ({ ...DEFAULT_DEFINITIONS, unlocated });
  assert.equal(affiliationCountry(inferred, u('infer')), 'CN');
  assert.equal(affiliationCountry(inferred, u('hq')), 'US');
  assert.equal(affiliationCountry(inferred, u('exclude')), null);
  assert.equal(affiliationCountry(unlocated, u('infer')), 'US'); // no evidence: the headquarters
  assert.equal(affiliationCountry(inferred, { ...u('infer'), multinational: 'hq' }), 'US');
  // a located lab is never touched by --unlocated
  assert.equal(affiliationCountry(aff('CN', 'US'), u('exclude')), 'CN');
});

test('--denominator located leaves out papers with no located counted author', () => {
  const none = { track: null, authors: [author(aff(null))] };
  const empty = { track: null, authors: [] };
  const located = { track: null, authors: [author(aff(null)), author(aff('FR'))] };
  assert.equal(paperInScope(none, DEFAULT_DEFINITIONS), false);
  assert.equal(paperInScope(empty, DEFAULT_DEFINITIONS), false);
  assert.equal(paperInScope(located, DEFAULT_DEFINITIONS), true);
  assert.equal(paperInScope(located, { ...DEFAULT_DEFINITIONS, authors: 'first' }), false); // the first author is not located
  for (const p of [none, empty, located]) assert.equal(paperInScope(p, { ...DEFAULT_DEFINITIONS, denominator: 'all' }), true);
});
