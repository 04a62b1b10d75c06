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
