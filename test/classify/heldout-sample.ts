// The two tests of a blind held-out field sample of 100 papers (fields-heldout-4.json, -5.json): the
// sample's shape (>= 5 venues, no NeurIPS 2018, none among the training or earlier samples, both labellers
// on the same papers) and the frozen model's primary-field accuracy against a floor.
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
  secondField: string | null;
}
interface Fixture {
  items?: Labelled[];
  secondLabeller?: Labelled[];
  dev?: Labelled[];
  heldOut?: Labelled[];
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (name: string): Fixture => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Fixture;
const key = (p: { file: string; index: number }) => `${p.file}#${p.index}`;

export interface HeldOutSample {
  /** The sample's number (4, 5, 6): its fixture is fields-heldout-N.json. */
  n: number;
  /** Fixtures with an `items` list whose papers the sample must not contain, beside fields-train.json and fields-sample-100.json. */
  earlier: string[];
  /** The accuracy the test asserts at least (a guard against a broken model file, not the target). */
  floor: number;
  /** The accuracy test's title after "fields held-out N: ". */
  what: string;
}

export function heldOutSampleTests({ n, earlier, floor, what }: HeldOutSample): void {
  const sample = read(`fields-heldout-${n}.json`);
  const items = sample.items ?? [];
  const second = sample.secondLabeller ?? [];
  const missing = [...new Set(items.map((p) => p.file))].find((f) => !existsSync(join(PAPERLISTS_DIR, f)));

  test(`fields held-out ${n}: 100 papers, >= 5 venues, no NeurIPS 2018, none among the training or earlier samples`, () => {
    assert.equal(items.length, 100);
    assert.ok(new Set(items.map((p) => p.file.replace(/\d{4}\.json$/, ''))).size >= 5);
    assert.ok(!items.some((p) => p.file === 'nips2018.json'));
    assert.equal(new Set(items.map(key)).size, items.length);
    const sample100 = read('fields-sample-100.json');
    const seen = new Set(
      [...(read('fields-train.json').items ?? []), ...(sample100.dev ?? []), ...(sample100.heldOut ?? []), ...earlier.flatMap((f) => read(f).items ?? [])].map(key),
    );
    assert.deepEqual(items.filter((p) => seen.has(key(p))).map(key), []);
    assert.deepEqual(second.map(key), items.map(key), 'the second labeller labelled the same papers in the same order');
  });

  test(`fields held-out ${n}: ${what}`, { skip: missing ? `shared paper list ${missing} not found` : false }, (t) => {
    const classifier = createClassifier();
    const record = createSharedRecords(PAPERLISTS_DIR);
    let correct = 0;
    let correctSecond = 0;
    let agree = 0;
    const misses: string[] = [];
    items.forEach((labelled, i) => {
      const fields = classifier.classifyFields(record(labelled)).fields;
      if (fields[0] === labelled.primaryField) correct++;
      else misses.push(`${key(labelled)} ${labelled.primaryField} -> ${fields[0]}`);
      if (fields[0] === second[i].primaryField) correctSecond++;
      if (second[i].primaryField === labelled.primaryField) agree++;
    });
    t.diagnostic(
      `held-out ${n}: primary correct ${correct}/100 against the first labeller, ${correctSecond}/100 against the second; ` +
        `the labellers agree on ${agree}/100; misses: ${misses.join('; ')}`,
    );
    assert.ok(correct / items.length >= floor, `${correct}/${items.length}`);
  });
}
