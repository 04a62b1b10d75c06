// Samples 2 and 3 were drawn and labelled as held-out samples for the hand-ranked classifier (68/100 and
// 64/100 on the method frozen at 6451f67). Since the field model (data/taxonomy/field-model.json) they are
// part of its TRAINING labels: the accuracy below is training fit, which says little about unseen papers.
// The honest figures are the cross-validated ones (`npm run train:fields -- --cv`, docs/fields.md) and the
// lead's new held-out sample. The fixture holds references only (file, record index, SHA-256 prefix of
// the title) and the labels; the text is read from the shared lists at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier } from '../../src/classify/index.js';
import { PAPERLISTS_DIR } from '../shared.js';
import { createSharedRecords } from './helpers.js';

interface Labelled {
  file: string;
  index: number;
  titleSha256: string;
  primaryField: string;
  secondField?: string | null;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const SECOND = join(FIXTURES, 'fields-second-labeller.json');

interface Fixture {
  items?: Labelled[];
  /** The same papers labelled blind by a second labeller. */
  secondLabeller?: Labelled[];
  dev?: Labelled[];
  heldOut?: Labelled[];
}

const read = (path: string): Fixture => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Fixture) : {});

const key = (p: { file: string; index: number }) => `${p.file}#${p.index}`;
const earlier = read(join(FIXTURES, 'fields-sample-100.json'));

/**
 * Samples in the order they were drawn; each excludes every paper drawn before it. Floors guard the
 * training fit against a broken or stale model file (measured 100/100 and 94/100 for the model with
 * hashed words, 86/100 and 85/100 for the one before: word weights fit their training papers closely);
 * they are not accuracy targets.
 */
const HELDOUT: Array<{ name: string; file: string; floor: number }> = [
  { name: 'held-out 2', file: 'fields-heldout-2.json', floor: 0.8 },
  { name: 'held-out 3', file: 'fields-heldout-3.json', floor: 0.8 },
];

const drawnBefore = new Set([...(earlier.dev ?? []), ...(earlier.heldOut ?? [])].map(key));
const samples = HELDOUT.map((h) => {
  const items = read(join(FIXTURES, h.file)).items ?? [];
  const previous = new Set(drawnBefore);
  for (const p of items) drawnBefore.add(key(p));
  const files = [...new Set(items.map((p) => p.file))];
  return { ...h, items, previous, files, missing: files.find((f) => !existsSync(join(PAPERLISTS_DIR, f))) };
});

for (const { name, items: sample, previous, files, missing, floor } of samples) {
  test(`fields ${name}: the sample spans >= 5 venues, no NeurIPS 2018, no paper twice or from an earlier sample`, { skip: sample.length === 0 ? 'fixture not present' : false }, () => {
    assert.ok(sample.length >= 100, `${sample.length} papers`);
    assert.ok(new Set(sample.map((p) => p.file.replace(/\d{4}\.json$/, ''))).size >= 5);
    assert.ok(!files.includes('nips2018.json'));
    assert.equal(new Set(sample.map(key)).size, sample.length);
    assert.deepEqual(sample.filter((p) => previous.has(key(p))).map(key), []);
  });

  test(`fields ${name}: primary-field training fit (the sample is training data of the field model)`, { skip: sample.length === 0 ? 'fixture not present' : missing ? `shared paper list ${missing} not found` : false }, (t) => {
    const classifier = createClassifier();
    const record = createSharedRecords(PAPERLISTS_DIR);
    let correct = 0;
    let inFields = 0;
    let secondOk = 0;
    const misses: string[] = [];
    for (const labelled of sample) {
      const fields = classifier.classifyFields(record(labelled)).fields;
      if (fields[0] === labelled.primaryField) correct++;
      else misses.push(`${key(labelled)} ${labelled.primaryField} -> ${fields.join(',')}`);
      if (fields.includes(labelled.primaryField)) inFields++;
      if (fields[0] === labelled.primaryField || (labelled.secondField && fields[0] === labelled.secondField)) secondOk++;
    }
    const n = sample.length;
    t.diagnostic(
      `${name} (training data): primary correct ${correct}/${n} = ${(correct / n).toFixed(3)}; labelled field among the paper's fields ${inFields}/${n}; ` +
        `primary equal to the label or the labeller's second field ${secondOk}/${n}; misses: ${misses.join('; ')}`,
    );
    assert.ok(correct / n >= floor, `${correct}/${n}`);
  });
}

/** Agreement of two label sets on the papers both hold, and the classifier's agreement with each. */
function agreement(first: Labelled[], second: Labelled[]): { n: number; agree: number; classifierFirst: number; classifierSecond: number } {
  const byKey = new Map(second.map((p) => [key(p), p]));
  const classifier = createClassifier();
  const record = createSharedRecords(PAPERLISTS_DIR);
  const counts = { n: 0, agree: 0, classifierFirst: 0, classifierSecond: 0 };
  for (const p of first) {
    const other = byKey.get(key(p));
    if (!other) continue;
    assert.equal(other.titleSha256, p.titleSha256, `${key(p)}: the two label sets reference different papers`);
    const primary = classifier.classifyFields(record(p)).fields[0];
    counts.n++;
    if (other.primaryField === p.primaryField) counts.agree++;
    if (primary === p.primaryField) counts.classifierFirst++;
    if (primary === other.primaryField) counts.classifierSecond++;
  }
  return counts;
}

const heldout2 = read(join(FIXTURES, 'fields-heldout-2.json'));
const missing = samples.find((s) => s.missing)?.missing;
const pairs: Array<[string, Labelled[], Labelled[]]> = [
  ['fields-heldout-2 (items vs secondLabeller)', heldout2.items ?? [], heldout2.secondLabeller ?? []],
  ['fields-sample-100 heldOut vs fields-second-labeller.json', earlier.heldOut ?? [], read(SECOND).items ?? []],
];

for (const [name, first, second] of pairs) {
  test(`fields labeller agreement: ${name}`, { skip: second.length === 0 ? 'no second labels' : missing ? `shared paper list ${missing} not found` : false }, (t) => {
    const { n, agree, classifierFirst, classifierSecond } = agreement(first, second);
    assert.equal(n, second.length, 'every second label references a paper of the first set');
    t.diagnostic(`${name}: labellers agree on ${agree}/${n} = ${(agree / n).toFixed(3)} primary fields; classifier vs first labels ${classifierFirst}/${n}, vs second labels ${classifierSecond}/${n}`);
  });
}
