// A set of words compiled once into a file of the cache folder (resolve/cache.ts) and searched in place:
// the words sorted by their UTF-8 bytes, one a line, looked up by binary search over the bytes. A run
// then reads one small file instead of building a Set of tens of thousands of entries (common-words.ts:
// SCOWL's lists folded by foldWord, 38,000 words, about 70 ms of CPU a run as a Set).
//
// The file: one header line `collabscope-words <FORMAT> <key> <count> <body bytes> <crc32>` and the body.
// A file of another key, or whose body does not match its length and checksum (damaged, truncated), is
// not used: the words are built the plain way for the run and the file written again, never a wrong answer.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { checksum } from './paged-body.js';

const MAGIC = 'collabscope-words';
const FORMAT = 1;
const NEWLINE = 10;

/** Whether a word is in the set. */
export interface WordSet {
  has(word: string): boolean;
}

/** Sorted, newline-terminated UTF-8 words searched in place. */
export class SortedWords implements WordSet {
  /** The query's bytes (an ASCII word is copied here; others are encoded). */
  private scratch = new Uint8Array(64);

  constructor(private readonly body: Uint8Array) {}

  has(word: string): boolean {
    const query = this.bytesOf(word);
    if (query === null) return false;
    const body = this.body;
    // [lo, hi) is always whole lines
    let lo = 0;
    let hi = body.length;
    while (lo < hi) {
      let start = (lo + hi) >>> 1;
      while (start > lo && body[start - 1] !== NEWLINE) start--;
      let end = start;
      while (body[end] !== NEWLINE) end++;
      const order = compareBytes(query, body, start, end);
      if (order === 0) return true;
      if (order < 0) hi = start;
      else lo = end + 1;
    }
    return false;
  }

  /** The word's UTF-8 bytes; null for a word no line can be ('' and words with a newline are never stored). */
  private bytesOf(word: string): Uint8Array | null {
    const length = word.length;
    if (length === 0) return null;
    if (length > this.scratch.length) this.scratch = new Uint8Array(length * 2);
    for (let i = 0; i < length; i++) {
      const code = word.charCodeAt(i);
      if (code >= 0x80) return Buffer.from(word, 'utf8');
      if (code === NEWLINE) return null;
      this.scratch[i] = code;
    }
    return this.scratch.subarray(0, length);
  }
}

/** The order of `query` against body[start, end): negative, 0 or positive, as Buffer.compare. */
function compareBytes(query: Uint8Array, body: Uint8Array, start: number, end: number): number {
  const n = Math.min(query.length, end - start);
  for (let i = 0; i < n; i++) {
    const d = query[i] - body[start + i];
    if (d !== 0) return d;
  }
  return query.length - (end - start);
}

/** The body of a word file: the words' UTF-8 forms sorted bytewise, each once, each ending with a newline;
 *  null when a word cannot be stored so ('' or one with a newline). */
export function encodeWords(words: Iterable<string>): Buffer | null {
  const encoded: Buffer[] = [];
  for (const word of new Set(words)) {
    if (word === '' || word.includes('\n')) return null;
    encoded.push(Buffer.from(word, 'utf8'));
  }
  encoded.sort(Buffer.compare);
  const parts: Buffer[] = [];
  const newline = Buffer.from('\n');
  for (const bytes of encoded) parts.push(bytes, newline);
  return Buffer.concat(parts);
}

function header(key: string, count: number, body: Uint8Array): string {
  return `${MAGIC} ${FORMAT} ${key} ${count} ${body.length} ${checksum(body).toString(16)}\n`;
}

/** The file's bytes: header and body. */
export function wordFileBytes(key: string, count: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(header(key, count, body), 'latin1'), body]);
}

/** The body of a word file read from disk when it is whole and of this key, else null. */
export function readWordFile(path: string, key: string): Uint8Array | null {
  let bytes: Buffer;
  try {
    if (!existsSync(path)) return null;
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  const eol = bytes.indexOf(NEWLINE);
  if (eol < 0 || eol > 200) return null;
  const fields = bytes.toString('latin1', 0, eol).split(' ');
  if (fields.length !== 6 || fields[0] !== MAGIC || fields[1] !== String(FORMAT) || fields[2] !== key) return null;
  const body = bytes.subarray(eol + 1);
  if (String(body.length) !== fields[4] || checksum(body).toString(16) !== fields[5]) return null;
  if (body.length > 0 && body[body.length - 1] !== NEWLINE) return null;
  return body;
}

/** Files of a name kept per folder besides the one just written (other keys: other checkouts, other versions). */
const KEEP_OTHERS = 4;

/**
 * The words of file `name-key.words` from the first of the folders that has it whole; otherwise `build()`
 * (the plain Set, which answers this run) and the file written to the first folder that takes it.
 */
export function compiledWords(folders: readonly string[], name: string, key: string, build: () => Set<string>): WordSet {
  const file = `${name}-${key}.words`;
  for (const folder of folders) {
    const body = readWordFile(join(folder, file), key);
    if (body) return new SortedWords(body);
  }
  const words = build();
  const body = encodeWords(words);
  if (body === null) return words; // not storable: the Set every run
  const bytes = wordFileBytes(key, words.size, body);
  for (const folder of folders) {
    try {
      writeFileAtomic(join(folder, file), bytes, 'E_KB');
      pruneOthers(folder, name, file);
      break;
    } catch {
      // read-only: the next folder
    }
  }
  return words;
}

/** Older files of the name in the folder: the newest few kept, the rest removed. */
function pruneOthers(folder: string, name: string, kept: string): void {
  try {
    const others = readdirSync(folder)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.words') && f !== kept)
      .map((f) => ({ f, at: statSync(join(folder, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of others.slice(KEEP_OTHERS)) rmSync(join(folder, f), { force: true });
  } catch {
    // another process pruned first: nothing to do
  }
}
