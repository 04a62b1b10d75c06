// papers.jsonl of a run being written: each paper's line as JSON.stringify would write it, with the
// JSON of each shared (frozen) affiliation made once; lines written in large chunks as papers are
// built; and the lines of papers a later run-level pass changed (src/resolve/unlocated.ts) replaced
// in place of the old ones by a byte copy of the rest of the file (their offsets were noted as
// they were written), so no line is read back or parsed.
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import type { Affiliation, Author, Paper } from './types.js';

let affiliationJsonCache = new WeakMap<Affiliation, string>();

/** Forgets the remembered JSON (once a run's papers.jsonl is written: a large run would hold it to its end). */
export function forgetAffiliationJson(): void {
  affiliationJsonCache = new WeakMap();
}

/** JSON.stringify(affiliation), remembered for frozen affiliations (the pool's shared objects cannot change). */
export function affiliationJson(affiliation: Affiliation): string {
  let json = affiliationJsonCache.get(affiliation);
  if (json === undefined) {
    json = JSON.stringify(affiliation);
    if (Object.isFrozen(affiliation) && Object.isFrozen(affiliation.evidence)) affiliationJsonCache.set(affiliation, json);
  }
  return json;
}

/** Notes the JSON of a frozen affiliation made elsewhere (the affiliation pool's key). */
export function rememberAffiliationJson(affiliation: Affiliation, json: string): void {
  if (Object.isFrozen(affiliation) && Object.isFrozen(affiliation.evidence)) affiliationJsonCache.set(affiliation, json);
}

const keyJsonCache = new Map<string, string>();
/** `"key":`, made once per key name. */
function keyJson(key: string): string {
  let json = keyJsonCache.get(key);
  if (json === undefined) {
    json = `${JSON.stringify(key)}:`;
    if (keyJsonCache.size < 1000) keyJsonCache.set(key, json);
  }
  return json;
}

/** The object's own keys in JSON.stringify's order and omissions, with some values written by `special`. */
function objectJson(value: object, special: (key: string, value: unknown) => string | undefined): string {
  let out = '{';
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    const json = special(key, field) ?? JSON.stringify(field);
    if (json === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${keyJson(key)}${json}`;
  }
  return `${out}}`;
}

const affiliationsJson = (list: readonly Affiliation[]) => `[${list.map(affiliationJson).join(',')}]`;
const authorJson = (author: Author) => objectJson(author, (key, value) => (key === 'affiliations' && Array.isArray(value) ? affiliationsJson(value) : undefined));

/** Exactly JSON.stringify(paper), faster when its affiliations are shared frozen objects. */
export function paperJson(paper: Paper): string {
  return objectJson(paper, (key, value) =>
    !Array.isArray(value) ? undefined : key === 'authors' ? `[${value.map(authorJson).join(',')}]` : key === 'unattributed' ? affiliationsJson(value) : undefined,
  );
}

/** Where one line is in the file (bytes), for replacing it later. */
export interface LinePlace {
  offset: number;
  length: number;
}

const CHUNK_BYTES = 1 << 20;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair is 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes papers.jsonl synchronously in large chunks while papers are being built. Each line is encoded
 * straight into one reused 1 MB buffer (written out when the next line might not fit), so no joined
 * text, no per-chunk Buffer and no list of pending buffers is made: at 100k papers (500 MB written)
 * that garbage and its encoding pass were 1.7 s of the write stage.
 */
export class PapersJsonlWriter {
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Bytes of `chunk` in use. */
  private used = 0;
  /** Bytes in the file (not counting `chunk`). */
  private bytes = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Writes the paper's line; with `place`, returns where it is in the file. */
  write(paper: Paper, place: true): LinePlace;
  write(paper: Paper, place?: false): undefined;
  write(paper: Paper, place = false): LinePlace | undefined {
    const line = `${paperJson(paper)}\n`;
    const offset = this.bytes + this.used;
    let length: number;
    if (line.length * MAX_BYTES_PER_UNIT > CHUNK_BYTES - this.used) this.writeChunk();
    if (line.length * MAX_BYTES_PER_UNIT > CHUNK_BYTES) {
      // a line longer than the chunk could ever hold: written on its own
      const buffer = Buffer.from(line, 'utf8');
      writeAll(this.fd, buffer);
      this.bytes += buffer.length;
      length = buffer.length;
    } else {
      // fits whole (the room was checked for the worst case), so nothing is cut at the chunk's end
      length = this.chunk.write(line, this.used, 'utf8');
      this.used += length;
    }
    return place ? { offset, length } : undefined;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  /**
   * After close: the lines at `places` replaced by the papers' lines as they are now (in place order),
   * by copying the file around them into a new file that then replaces it.
   */
  replace(changes: Array<{ place: LinePlace; paper: Paper }>): void {
    if (changes.length === 0) return;
    const sorted = [...changes].sort((x, y) => x.place.offset - y.place.offset);
    const tmp = `${this.path}.patch`;
    const input = openSync(this.path, 'r');
    const output = openSync(tmp, 'w');
    try {
      const copy = Buffer.allocUnsafe(8 << 20);
      let position = 0;
      const copyUpTo = (end: number) => {
        while (position < end) {
          const read = readSync(input, copy, 0, Math.min(copy.length, end - position), position);
          if (read === 0) throw new Error(`${this.path}: shorter than written`);
          writeAll(output, copy.subarray(0, read));
          position += read;
        }
      };
      for (const { place, paper } of sorted) {
        copyUpTo(place.offset);
        writeAll(output, Buffer.from(`${paperJson(paper)}\n`, 'utf8'));
        position = place.offset + place.length;
      }
      copyUpTo(this.bytes);
    } finally {
      closeSync(input);
      closeSync(output);
    }
    renameSync(tmp, this.path);
  }

  private flush(): void {
    this.writeChunk();
  }

  private writeChunk(): void {
    if (this.used === 0) return;
    writeAll(this.fd, this.chunk.subarray(0, this.used));
    this.bytes += this.used;
    this.used = 0;
  }
}

function writeAll(fd: number, buffer: Buffer): void {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
}
