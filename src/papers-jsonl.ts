// papers.jsonl of a run being written: each paper's line as JSON.stringify would write it, with the
// JSON of each shared (frozen) affiliation made once; lines written in large chunks as papers are
// built; and the lines of papers a later run-level pass changed (src/resolve/unlocated.ts) replaced
// in place of the old ones by a byte copy of the rest of the file (their offsets were noted as
// they were written), so no line is read back or parsed.
import { closeSync, openSync, readSync, renameSync, writeSync, writevSync } from 'node:fs';
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
/**
 * Lines are joined into text of up to this many characters before being encoded: below V8's large-object
 * size (128 KB), so the text is young garbage, freed at once, instead of a large object that stays until
 * the next full collection (which let a 100k-paper run's heap grow by the size of papers.jsonl).
 */
const TEXT_CHARS = 1 << 15;

/** Writes papers.jsonl synchronously in large chunks while papers are being built. */
export class PapersJsonlWriter {
  private readonly fd: number;
  private text = '';
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes in the file plus those in `pending` (not counting `text`). */
  private bytes = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Writes the paper's line; with `place`, returns where it is in the file. */
  write(paper: Paper, place: true): LinePlace;
  write(paper: Paper, place?: false): undefined;
  write(paper: Paper, place = false): LinePlace | undefined {
    const line = `${paperJson(paper)}\n`;
    if (!place) {
      this.text += line;
      if (this.text.length >= TEXT_CHARS) this.encodeText();
      return undefined;
    }
    this.encodeText();
    const buffer = Buffer.from(line, 'utf8');
    const at = { offset: this.bytes, length: buffer.length };
    this.push(buffer);
    return at;
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

  private encodeText(): void {
    if (this.text) this.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }

  private push(buffer: Buffer): void {
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    this.bytes += buffer.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.writePending();
  }

  private flush(): void {
    this.encodeText();
    this.writePending();
  }

  private writePending(): void {
    let buffers = this.pending;
    while (buffers.length > 0) {
      let written = writevSync(this.fd, buffers);
      // a partial write: drop what went out and write the rest
      let k = 0;
      while (k < buffers.length && written >= buffers[k].length) written -= buffers[k++].length;
      buffers = buffers.slice(k);
      if (written > 0) buffers[0] = buffers[0].subarray(written);
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function writeAll(fd: number, buffer: Buffer): void {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
}
