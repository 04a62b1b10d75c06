// Reads a text file line by line in fixed-size chunks, so large JSONL inputs are never held whole.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export function* readLines(path: string, chunkSize = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      pending += decoder.write(buffer.subarray(0, read));
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    pending += decoder.end();
    if (pending !== '') yield pending;
  } finally {
    closeSync(fd);
  }
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
