// Reads a text file line by line in fixed-size chunks, so large JSONL inputs are never held whole.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** What reading found, filled as lines are read: byte sequences that were not UTF-8. */
export interface LineStats {
  invalidUtf8: number;
}

/**
 * Chunks of 32 KB: the text decoded from one stays below V8's large-object size (128 KB, even when
 * two bytes a character), so it dies young instead of piling up until a full collection.
 */
export const LINE_CHUNK_BYTES = 1 << 15;

/** Lines of a UTF-8 file (a byte-order mark is dropped); `stats` counts bytes that were not UTF-8. */
export function* readLines(path: string, chunkSize = LINE_CHUNK_BYTES, stats?: LineStats): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let first = true;
    let carry = Buffer.alloc(0); // the last two bytes, so an encoded U+FFFD across chunks is seen
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const bytes = buffer.subarray(0, read);
      let text = decoder.write(bytes);
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (stats) {
        const joined = Buffer.concat([carry, bytes]);
        stats.invalidUtf8 += countFffd(text) - countEncoded(joined); // the 2-byte carry holds no whole sequence
        carry = Buffer.from(joined.subarray(Math.max(0, joined.length - 2)));
      }
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    const rest = decoder.end();
    if (stats) stats.invalidUtf8 += countFffd(rest);
    pending += rest;
    if (pending !== '') yield pending;
  } finally {
    closeSync(fd);
  }
}

/** U+FFFD characters in decoded text. */
export function countFffd(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

const ENCODED_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

/** U+FFFD written in the bytes themselves (EF BF BD): not a decoding problem. */
export function countEncoded(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(ENCODED_FFFD); i !== -1; i = bytes.indexOf(ENCODED_FFFD, i + 3)) n++;
  return n;
}

/** The first bytes of a file, for format detection. */
export function readHead(path: string, bytes = 4096): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
