// papers.jsonl of a run being written: each paper's line as JSON.stringify would write it, with the
// JSON of each shared (frozen) affiliation made once; lines written in large chunks as papers are
// built; and the lines of papers a later run-level pass changed (src/resolve/unlocated.ts) replaced
// in the file itself, the bytes after them moved (their offsets were noted as they were written), so no
// line is read back or parsed.
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
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
   * After close: the lines at `places` replaced by the papers' lines as they are now, in the file itself.
   * The bytes between changed lines move by what the lines before them grew or shrank (regions that
   * move left first, front to back, then those that move right, back to front, so none is overwritten
   * before it is moved), then the new lines go into their places. Only the bytes after the first
   * changed line are read and written again, over pages the file already has: a copy into a second file
   * took 1.2-1.4 s for a 500 MB papers.jsonl against 0.25 s. The file is in the output directory being
   * prepared (src/output-dir.ts), which a failure discards, so a half-moved file is never left as output.
   * Once only: the places noted before it no longer hold after it.
   */
  replace(changes: Array<{ place: LinePlace; paper: Paper }>): void {
    if (changes.length === 0) return;
    const lines = [...changes]
      .sort((x, y) => x.place.offset - y.place.offset)
      .map(({ place, paper }) => ({ place, bytes: Buffer.from(`${paperJson(paper)}\n`, 'utf8') }));
    const fd = openSync(this.path, 'r+');
    try {
      this.bytes = rewriteInPlace(fd, this.bytes, lines);
    } finally {
      closeSync(fd);
    }
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

/** A stretch of the file that keeps its bytes and moves by `shift`. */
interface Region {
  start: number;
  end: number;
  shift: number;
}

/**
 * The file's lines at `lines[k].place` (sorted, not overlapping) replaced by `lines[k].bytes`, moving
 * the rest in place; returns the file's new length. `chunkBytes`: how much is moved at a time.
 */
export function rewriteInPlace(fd: number, length: number, lines: ReadonlyArray<{ place: LinePlace; bytes: Buffer }>, chunkBytes = 8 << 20): number {
  const regions: Region[] = [];
  let shift = 0;
  let position = 0;
  const targets: number[] = [];
  for (const { place, bytes } of lines) {
    if (place.offset < position || place.offset + place.length > length) throw new Error(`papers.jsonl: line at ${place.offset} overlaps another or is past the end`);
    regions.push({ start: position, end: place.offset, shift });
    targets.push(place.offset + shift);
    shift += bytes.length - place.length;
    position = place.offset + place.length;
  }
  regions.push({ start: position, end: length, shift });
  if (!(chunkBytes >= 1)) throw new RangeError(`chunkBytes must be at least 1, not ${chunkBytes}`);
  const largest = regions.reduce((most, r) => (r.shift !== 0 ? Math.max(most, r.end - r.start) : most), 0);
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, largest)));
  for (const region of regions) if (region.shift < 0) moveRegion(fd, region, buffer);
  for (let k = regions.length - 1; k >= 0; k--) if (regions[k].shift > 0) moveRegion(fd, regions[k], buffer);
  lines.forEach(({ bytes }, k) => writeAll(fd, bytes, targets[k]));
  const newLength = length + shift;
  if (shift < 0) ftruncateSync(fd, newLength);
  return newLength;
}

/** A region's bytes moved by its shift: to the left front to back, to the right back to front (each chunk read before it is written). */
function moveRegion(fd: number, { start, end, shift }: Region, buffer: Buffer): void {
  if (shift < 0) {
    for (let from = start; from < end; ) {
      const n = readFully(fd, buffer, Math.min(buffer.length, end - from), from);
      writeAll(fd, buffer.subarray(0, n), from + shift);
      from += n;
    }
  } else {
    for (let to = end; to > start; ) {
      const n = Math.min(buffer.length, to - start);
      readFully(fd, buffer, n, to - n);
      writeAll(fd, buffer.subarray(0, n), to - n + shift);
      to -= n;
    }
  }
}

function readFully(fd: number, buffer: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) throw new Error('papers.jsonl: shorter than written');
    done += read;
  }
  return done;
}

/** All of the buffer written: at `position`, or where the file's offset is (null). */
function writeAll(fd: number, buffer: Buffer, position: number | null = null): void {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done, position === null ? null : position + done);
}
