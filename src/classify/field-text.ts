// The field model's text part: words of the title, keywords and abstract as hashed features, so the model
// can learn from the labelled papers which words go with which field without any word being stored.
// Hashing spec (tokenizer "words-v1"), fixed and tested:
//   1. words: text.ts wordsOf (lower case, accents dropped, runs of [a-z0-9]) and normalizeToken (plural
//      's' dropped: "models" -> "model"); a word of one character, a number, or a word of STOPWORDS (a
//      generic English list, written by hand) is no gram and breaks bigrams;
//   2. grams: every word and every pair of neighbouring words joined by one space ("language model");
//   3. bucket: FNV-1a 32-bit over the gram's UTF-16 code units (offset basis 2166136261, prime 16777619),
//      the low `bits` bits;
//   4. value: a bucket gets `titleWeight` when one of its grams is in the title, plus 1 when one is in the
//      keywords (each keyword on its own), plus 1 when one is in the abstract; the vector is scaled to
//      Euclidean length 1 (a title-only paper and a full record weigh alike).
// A candidate field's text score is the dot product of this vector with the field's weights
// (data/taxonomy/field-model.json, `text`): one number, shown as that field's `text-model` contribution.
import type { RawPaper } from '../types.js';
import { normalizeToken, wordsOf } from './text.js';

export const TEXT_TOKENIZER = 'words-v1' as const;

/** Generic English function words (and a few of every paper: "paper", "propose"); no gram, and they break bigrams. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could do does for from had has have how if in into is it its ' +
    'may more most much no not of on or our over such than that the their them then there these they this those ' +
    'through to under up us was we were what when where which while who why will with within without would you ' +
    'also both each further other only same so some very via paper propose proposed show shows'
  ).split(' '),
);

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

/** FNV-1a 32-bit hash of a string's UTF-16 code units, as an unsigned integer. */
export function fnv1a(text: string): number {
  return fnvFrom(OFFSET_BASIS, text) >>> 0;
}

/** FNV-1a continued from state h over text (fnvFrom(fnvFrom(basis, a), b) is the hash state of a + b). */
function fnvFrom(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, PRIME);
  }
  return h;
}

const SPACE = 32;

/** A raw word's gram (null: no gram, breaks pairs) and its hash state, kept once per distinct word. */
const wordMemo = new Map<string, { word: string; state: number } | null>();

function gramWord(raw: string): { word: string; state: number } | null {
  let entry = wordMemo.get(raw);
  if (entry !== undefined) return entry;
  const word = normalizeToken(raw);
  entry = word.length < 2 || /^[0-9]+$/.test(word) || STOPWORDS.has(word) ? null : { word, state: fnvFrom(OFFSET_BASIS, word) };
  if (wordMemo.size < 500_000) wordMemo.set(raw, entry);
  return entry;
}

/** The grams of a text (words and neighbouring pairs), in order, repeats kept. */
export function gramsOf(text: string): string[] {
  const grams: string[] = [];
  let previous: string | null = null;
  for (const raw of wordsOf(text)) {
    const word = gramWord(raw)?.word ?? null;
    if (word === null) {
      previous = null;
      continue;
    }
    grams.push(word);
    if (previous !== null) grams.push(`${previous} ${word}`);
    previous = word;
  }
  return grams;
}

/** fnv1a of every gram of gramsOf(text), in the same order, without building the pair strings. */
export function gramHashes(text: string, out: number[] = []): number[] {
  let previous: number | null = null;
  for (const raw of wordsOf(text)) {
    const entry = gramWord(raw);
    if (entry === null) {
      previous = null;
      continue;
    }
    out.push(entry.state >>> 0);
    if (previous !== null) out.push(fnvFrom(Math.imul(previous ^ SPACE, PRIME), entry.word) >>> 0);
    previous = entry.state;
  }
  return out;
}

/** A paper's hashed text: sorted distinct buckets and their values (Euclidean length 1; empty when no gram). */
export interface TextVector {
  buckets: Int32Array;
  values: Float64Array;
}

export interface TextSpec {
  bits: number;
  titleWeight: number;
}

export function textVector(paper: Pick<RawPaper, 'title' | 'abstract' | 'keywords'>, spec: TextSpec): TextVector {
  const mask = spec.bits >= 32 ? 0xffffffff : (1 << spec.bits) - 1;
  const sum = new Map<number, number>();
  const addSource = (texts: string[], weight: number) => {
    const seen = new Set<number>();
    for (const text of texts) for (const hash of gramHashes(text)) seen.add(hash & mask);
    for (const bucket of seen) sum.set(bucket, (sum.get(bucket) ?? 0) + weight);
  };
  addSource([paper.title], spec.titleWeight);
  if (paper.keywords.length) addSource(paper.keywords, 1);
  if (paper.abstract) addSource([paper.abstract], 1);
  const buckets = Int32Array.from([...sum.keys()].sort((a, b) => a - b));
  let norm = 0;
  for (const v of sum.values()) norm += v * v;
  norm = Math.sqrt(norm);
  const values = Float64Array.from(buckets, (b) => sum.get(b)! / norm);
  return { buckets, values };
}

/**
 * The stored text weights: per field, the buckets with a weight as gaps (the first bucket, then each
 * bucket's distance from the one before: ascending buckets in few digits) and their weights.
 */
export type TextWeights = Record<string, { gaps: number[]; weights: number[] }>;

/** Per field, a dense weight table over the 2^bits buckets, built once. */
export function compileTextWeights(weights: TextWeights, bits: number): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const [field, { gaps, weights: w }] of Object.entries(weights)) {
    const table = new Float64Array(2 ** bits);
    let bucket = 0;
    gaps.forEach((gap, i) => {
      bucket += gap;
      table[bucket] = w[i];
    });
    out.set(field, table);
  }
  return out;
}

/** Buckets (ascending) as the gaps TextWeights stores. */
export function toGaps(buckets: readonly number[]): number[] {
  return buckets.map((b, i) => (i === 0 ? b : b - buckets[i - 1]));
}

/** A field's text score: the vector's dot product with its weight table (0 for a field without weights). */
export function textScore(vector: TextVector, table: Float64Array | undefined): number {
  if (!table) return 0;
  let score = 0;
  for (let k = 0; k < vector.buckets.length; k++) score += vector.values[k] * table[vector.buckets[k]];
  return score;
}
