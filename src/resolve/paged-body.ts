// The body of a resolver index (snapshot.ts's tables and pool) read in blocks as they are first needed,
// each checked against its CRC-32 in the file's block table before any of its bytes is used. A small run
// reads and checks the megabyte or so it touches instead of the whole file (32 MB): on the 2-core
// VM every megabyte of fresh memory costs about 6 ms of CPU, checked or not. The buffer is allocated
// whole but not touched, so the blocks never read take no memory.
//
// A block that does not match its checksum (the file damaged or truncated while in use) is not an
// error: `repair` gives the same bytes from another source (the index built again: snapshot.ts checks
// that it is byte for byte the index this file was written from) and reading goes on from there.
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';

/** Blocks of 4 KB (a page): a look-up touches few of them (a 3-paper run about 1 MB of 32; in format 02, 2 MB, 16 KB blocks
 *  twice that). Once a quarter of them is read, the rest is read at once, in 1 MB reads. */
export const BLOCK_SHIFT = 12;
export const BLOCK_SIZE = 1 << BLOCK_SHIFT;

/** Copies `length` bytes at body offset `position` into `target` (from offset 0); returns the bytes copied. */
export type ReadAt = (target: Uint8Array, position: number, length: number) => number;

/** Bytes that are not a whole snapshot (snapshot.ts) with the expected key. */
export class SnapshotError extends Error {}

/** A block of the body that does not match its checksum, and no other source of it. */
export class BlockDamagedError extends SnapshotError {}

/** Blocks read (and checked) by this process so far, and blocks of the bodies opened: --timings, tests. */
export const blockReads = { read: 0, of: 0 };

export class PagedBody {
  /** The whole body; only the blocks marked in `loaded` hold their bytes. */
  readonly bytes: Buffer;
  private readonly loaded: Uint8Array;

  /**
   * @param sums each block's CRC-32 (the file's block table)
   * @param read where the bytes come from; `bytes` is given when they are all in memory already
   * @param repair another source of the same bytes, asked once, when a block is damaged
   */
  constructor(
    length: number,
    private readonly sums: Uint32Array,
    private read: ReadAt | null,
    private repair: (() => ReadAt) | null,
    bytes?: Buffer,
  ) {
    if (sums.length !== blockCount(length)) throw new BlockDamagedError('block table of another size');
    this.bytes = bytes ?? Buffer.allocUnsafeSlow(length);
    this.loaded = new Uint8Array(sums.length);
    blockReads.of += sums.length;
  }

  /** Every block read: a look-up then costs one test. */
  private complete = false;
  private readCount = 0;
  /** Reading from the repair source. */
  private repaired = false;

  /** Makes sure the bytes [start, end) of the body are read and checked. */
  need(start: number, end: number): void {
    if (this.complete || end <= start) return;
    const last = (end - 1) >>> BLOCK_SHIFT;
    for (let b = start >>> BLOCK_SHIFT; b <= last; b++) if (this.loaded[b] === 0) this.fill(b);
  }

  /** Makes sure the 4-byte words [first, first + count) of a table starting at body offset `base` are read. */
  needWords(base: number, first: number, count: number): void {
    this.need(base + first * 4, base + (first + count) * 4);
  }

  /** Every block read and checked (a whole index copied elsewhere, a test). */
  needAll(): void {
    this.need(0, this.bytes.length);
  }

  private fill(b: number): void {
    this.fillRange(b, b + 1);
    // a run that has needed a quarter of the blocks (a large one) needs most: the rest in a few large reads
    if (++this.readCount >= this.loaded.length / 4) this.fillRest();
  }

  /** Reads the blocks [first, end) (none of them read yet) with one read, then checks each. */
  private fillRange(first: number, end: number): void {
    const start = first * BLOCK_SIZE;
    const range = this.bytes.subarray(start, Math.min(this.bytes.length, end * BLOCK_SIZE));
    if (this.read && this.read(range, start, range.length) !== range.length) range.fill(0); // short: no block matches
    for (let b = first; b < end; b++) {
      const at = b * BLOCK_SIZE;
      const block = this.bytes.subarray(at, Math.min(this.bytes.length, at + BLOCK_SIZE));
      if (checksum(block) !== this.sums[b] && !this.readAgain(block, at)) throw new BlockDamagedError(`damaged block ${b}`);
      this.loaded[b] = 1;
      blockReads.read++;
    }
  }

  /** Every block not read yet, in runs of up to 256 (1 MB). */
  private fillRest(): void {
    const count = this.loaded.length;
    for (let b = 0; b < count; ) {
      if (this.loaded[b]) {
        b++;
        continue;
      }
      let end = b + 1;
      while (end < count && !this.loaded[end] && end - b < 256) end++;
      this.fillRange(b, end);
      b = end;
    }
    this.complete = true;
  }

  /** The damaged block from the repair source, which replaces the first one for every later block. */
  private readAgain(block: Buffer, start: number): boolean {
    if (this.repair) {
      const repair = this.repair;
      this.repair = null;
      this.read = repair();
      this.repaired = true;
    }
    if (!this.repaired || !this.read || this.read(block, start, block.length) !== block.length) return false;
    return checksum(block) === this.sums[start >>> BLOCK_SHIFT];
  }
}

export function blockCount(length: number): number {
  return Math.ceil(length / BLOCK_SIZE);
}

/** Each block's CRC-32. */
export function blockSums(body: Uint8Array): Uint32Array {
  const sums = new Uint32Array(blockCount(body.length));
  for (let b = 0; b < sums.length; b++) sums[b] = checksum(body.subarray(b * BLOCK_SIZE, Math.min(body.length, (b + 1) * BLOCK_SIZE)));
  return sums;
}

/** CRC-32 of the bytes (zlib.crc32, Node >= 20.15; before, the first four bytes of their SHA-1). */
export function checksum(bytes: Uint8Array): number {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return typeof crc32 === 'function' ? crc32(bytes) : createHash('sha1').update(bytes).digest().readUInt32LE(0);
}
