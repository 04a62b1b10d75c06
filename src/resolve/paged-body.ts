// The body of a resolver index (snapshot.ts's tables and pool) read in blocks as they are first needed,
// each checked against its CRC-32 in the file's block table before any of its bytes is used. A small run
// reads and checks the few hundred kilobytes it touches instead of the whole file (25 MB): on the 2-core
// VM every megabyte of fresh memory costs about 6 ms of CPU, checked or not. The buffer is allocated
// whole but not touched, so the blocks never read take no memory.
//
// A block that does not match its checksum (the file damaged or truncated while in use) is not an
// error: `repair` gives the same bytes from another source (the index built again: snapshot.ts checks
// that it is byte for byte the index this file was written from) and reading goes on from there.
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';

/** Blocks of 4 KB (a page): a look-up's probes touch few of them (a 3-paper run about 2 MB of 25, 16 KB blocks
 *  twice that); a run that needs them all makes ~6,500 reads, 40 ms more than one read of the whole. */
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

  /** Makes sure the bytes [start, end) of the body are read and checked. */
  need(start: number, end: number): void {
    if (end <= start) return;
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
    const start = b * BLOCK_SIZE;
    const length = Math.min(BLOCK_SIZE, this.bytes.length - start);
    const block = this.bytes.subarray(start, start + length);
    if (!this.readChecked(block, start) && !this.readAgain(block, start)) throw new BlockDamagedError(`damaged block ${b}`);
    this.loaded[b] = 1;
    blockReads.read++;
  }

  private readChecked(block: Buffer, start: number): boolean {
    if (this.read && this.read(block, start, block.length) !== block.length) return false;
    return checksum(block) === this.sums[start >>> BLOCK_SHIFT];
  }

  /** The damaged block from the repair source, which replaces the first one for every later block. */
  private readAgain(block: Buffer, start: number): boolean {
    const repair = this.repair;
    if (!repair) return false;
    this.repair = null;
    this.read = repair();
    return this.readChecked(block, start);
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
