// Primary-field accuracy on the second held-out sample: papers labelled by two independent labellers
// after the field method was frozen (commit in the closing note of issue 15), never used to change it.
// The fixture holds references only (file, record index, SHA-256 prefix of the title) and the labels;
// the text is read from the shared lists at test time.
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
const HELDOUT = join(FIXTURES, 'fields-heldout-2.json');
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
const heldout = read(HELDOUT);
const sample = heldout.items ?? [];
const earlier = read(join(FIXTURES, 'fields-sample-100.json'));
const files = [...new Set(sample.map((p) => p.file))];
const missing = files.find((f) => !existsSync(join(PAPERLISTS_DIR, f)));

/** Measured 68/100 when the fixture arrived (the method before the change also scores 68/100): a floor against regressions; the target 0.88 is missed. */
const FLOOR = 0.66;

test('fields held-out 2: the sample spans >= 5 venues, no NeurIPS 2018, no paper twice or from the development samples', { skip: sample.length === 0 ? 'fixture not present' : false }, () => {
  assert.ok(sample.length >= 100, `${sample.length} papers`);
  assert.ok(new Set(sample.map((p) => p.file.replace(/\d{4}\.json$/, ''))).size >= 5);
  assert.ok(!files.includes('nips2018.json'));
  assert.equal(new Set(sample.map(key)).size, sample.length);
  const dev = new Set([...(earlier.dev ?? []), ...(earlier.heldOut ?? [])].map(key));
  assert.deepEqual(sample.filter((p) => dev.has(key(p))).map(key), []);
});

test('fields held-out 2: primary-field accuracy (target 0.88)', { skip: sample.length === 0 ? 'fixture not present' : missing ? `shared paper list ${missing} not found` : false }, (t) => {
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
    `held-out 2: primary correct ${correct}/${n} = ${(correct / n).toFixed(3)}; labelled field among the paper's fields ${inFields}/${n}; ` +
      `primary equal to the label or the labeller's second field ${secondOk}/${n}; misses: ${misses.join('; ')}`,
  );
  assert.ok(correct / n >= FLOOR, `${correct}/${n}`);
});

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

const pairs: Array<[string, Labelled[], Labelled[]]> = [
  ['fields-heldout-2 (items vs secondLabeller)', sample, heldout.secondLabeller ?? []],
  ['fields-sample-100 heldOut vs fields-second-labeller.json', earlier.heldOut ?? [], read(SECOND).items ?? []],
];

for (const [name, first, second] of pairs) {
  test(`fields labeller agreement: ${name}`, { skip: second.length === 0 ? 'no second labels' : missing ? `shared paper list ${missing} not found` : false }, (t) => {
    const { n, agree, classifierFirst, classifierSecond } = agreement(first, second);
    assert.equal(n, second.length, 'every second label references a paper of the first set');
    t.diagnostic(`${name}: labellers agree on ${agree}/${n} = ${(agree / n).toFixed(3)} primary fields; classifier vs first labels ${classifierFirst}/${n}, vs second labels ${classifierSecond}/${n}`);
  });
}
