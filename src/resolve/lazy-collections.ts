// Map and Set stand-ins for a prebuilt resolver index read back from disk (see snapshot.ts): their keys
// sit in one UTF-8 pool, sorted by bytes, and each value is decoded the first time it is asked for, so loading the
// index creates almost no objects. They behave as the Map and Set they replace: look-ups by binary
// search (remembered per key; a collection asked about many new keys decodes all its keys once into a Map), and anything else (iterating, adding, deleting) first reads every entry,
// in the original insertion order, into the real collection underneath (readWholeFirst).

import type { PagedBody } from './paged-body.js';

/** Where one collection's entries are and how to read them; shared by all collections of a snapshot. */
export interface EntryTable {
  /** The snapshot's body, whose blocks are read when first needed: `need` before reading any of it. */
  body: PagedBody;
  /** Where the entries, the order and the pool start in the body (bytes). */
  entriesBase: number;
  orderBase: number;
  poolBase: number;
  /** The snapshot's text (UTF-8): every key and every encoded value. */
  pool: Buffer;
  /** Four numbers an entry: key offset, key length, value offset, value length (bytes of `pool`). */
  entries: Uint32Array;
  /** Per collection, its entries' indexes (relative to its first entry) in key order (UTF-8 bytes). */
  order: Uint32Array;
  /** Decodes one encoded value (a slice of the pool). */
  value(offset: number, length: number): unknown;
}

/** Look-ups remembered per collection before the memory is cleared (a long run asks ever new words). */
const MAX_REMEMBERED = 100_000;

/** Binary searches a collection makes before its keys are all decoded, plus one per eight keys it holds. */
const SEARCHES_BEFORE_DECODING = 64;

const ENCODER = new TextEncoder();
const SCRATCH = new Uint8Array(3 * 1024);

/** The sorted-key look-up both collections share. */
class SortedKeys {
  /** Key -> entry index (relative), -1 for keys not present. */
  private readonly found = new Map<string, number>();
  /** Binary searches made so far; past a share of the keys, every key is decoded once into `all`. */
  private searches = 0;
  /** Every key -> its entry index, once enough searches were made that decoding all keys costs less. */
  private all: Map<string, number> | null = null;

  constructor(
    readonly table: EntryTable,
    readonly first: number,
    readonly count: number,
    readonly orderStart: number,
  ) {}

  keyAt(i: number): string {
    const e = (this.first + i) * 4;
    const { entries, pool, body, entriesBase, poolBase } = this.table;
    body.needWords(entriesBase, e, 2);
    body.need(poolBase + entries[e], poolBase + entries[e] + entries[e + 1]);
    return pool.toString('utf8', entries[e], entries[e] + entries[e + 1]);
  }

  indexOf(key: unknown): number {
    if (typeof key !== 'string') return -1;
    if (this.all) return this.all.get(key) ?? -1;
    let i = this.found.get(key);
    if (i !== undefined) return i;
    if (++this.searches > SEARCHES_BEFORE_DECODING + (this.count >>> 3)) return this.decodeAll().get(key) ?? -1;
    i = -1;
    let lo = 0;
    let hi = this.count - 1;
    const { order, entries, pool, body, entriesBase, orderBase, poolBase } = this.table;
    // the key's UTF-8 bytes, compared with each probe's in place (no string or buffer made per probe)
    const wanted = key.length * 3 <= SCRATCH.length ? SCRATCH : new Uint8Array(key.length * 3);
    const size = ENCODER.encodeInto(key, wanted).written;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      body.needWords(orderBase, this.orderStart + mid, 1);
      const at = order[this.orderStart + mid];
      const e = (this.first + at) * 4;
      body.needWords(entriesBase, e, 2);
      const start = entries[e];
      const length = entries[e + 1];
      const common = size < length ? size : length;
      body.need(poolBase + start, poolBase + start + common);
      let c = 0;
      for (let j = 0; j < common && c === 0; j++) c = wanted[j] - pool[start + j];
      if (c === 0) c = size - length;
      if (c === 0) {
        i = at;
        break;
      }
      if (c > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    if (this.found.size >= MAX_REMEMBERED) this.found.clear();
    this.found.set(key, i);
    return i;
  }

  /**
   * A collection asked about many different keys (a large run's trie root, word by word) is cheaper
   * as a hash of all its keys than as one binary search per new key: a key's bytes are decoded once
   * (about a tenth of a microsecond) instead of some 17 probes of the sorted pool per new key.
   * The answers are the same entry indexes.
   */
  private decodeAll(): Map<string, number> {
    const all = new Map<string, number>();
    for (let i = 0; i < this.count; i++) all.set(this.keyAt(i), i);
    this.all = all;
    this.found.clear();
    return all;
  }
}

export class LazyMap<V> extends Map<string, V> {
  /** The lazy look-up; null once the collection is read whole (or cleared). */
  keys_: SortedKeys | null;
  private readonly decoded: V[] = [];
  private readonly done: Uint8Array;

  constructor(table: EntryTable, first: number, count: number, orderStart: number) {
    super();
    this.keys_ = count > 0 ? new SortedKeys(table, first, count, orderStart) : null;
    this.done = new Uint8Array(count);
  }

  private valueAt(keys: SortedKeys, i: number): V {
    if (this.done[i]) return this.decoded[i];
    const e = (keys.first + i) * 4;
    keys.table.body.needWords(keys.table.entriesBase, e + 2, 2);
    const value = keys.table.value(keys.table.entries[e + 2], keys.table.entries[e + 3]) as V;
    this.decoded[i] = value;
    this.done[i] = 1;
    return value;
  }

  /** Every entry into the real Map, in insertion order; the lazy look-up is then dropped. */
  materialize(): void {
    const keys = this.keys_;
    if (!keys) return;
    this.keys_ = null;
    for (let i = 0; i < keys.count; i++) super.set(keys.keyAt(i), this.valueAt(keys, i));
  }

  override get(key: string): V | undefined {
    const keys = this.keys_;
    if (!keys) return super.get(key);
    const i = keys.indexOf(key);
    return i < 0 ? undefined : this.valueAt(keys, i);
  }
}

export class LazySet extends Set<string> {
  /** The lazy look-up; null once the collection is read whole (or cleared). */
  keys_: SortedKeys | null;

  constructor(table: EntryTable, first: number, count: number, orderStart: number) {
    super();
    this.keys_ = count > 0 ? new SortedKeys(table, first, count, orderStart) : null;
  }

  /** Every member into the real Set, in insertion order; the lazy look-up is then dropped. */
  materialize(): void {
    const keys = this.keys_;
    if (!keys) return;
    this.keys_ = null;
    for (let i = 0; i < keys.count; i++) super.add(keys.keyAt(i));
  }
}

/**
 * Every other method of Map and Set (iterating, adding, deleting) first reads the whole collection into
 * the real one underneath, then runs as the original: the same results in the same insertion order.
 */
function readWholeFirst(lazy: { prototype: object }, base: { prototype: object }, names: Array<string | symbol>): void {
  for (const name of names) {
    const original = (base.prototype as Record<string | symbol, (...args: unknown[]) => unknown>)[name];
    Object.defineProperty(lazy.prototype, name, {
      value: function (this: { materialize(): void }, ...args: unknown[]) {
        this.materialize();
        return original.apply(this, args);
      },
      writable: true,
      configurable: true,
    });
  }
}

/** has, size and clear: by the lazy look-up while there is one, else the original's. */
function lookUpLazily(lazy: { prototype: object }, base: { prototype: object }): void {
  const proto = base.prototype as { has(key: string): boolean; clear(): void };
  const size = Object.getOwnPropertyDescriptor(base.prototype, 'size')?.get as () => number;
  type Lazy = { keys_: SortedKeys | null };
  Object.defineProperties(lazy.prototype, {
    has: {
      value(this: Lazy, key: string): boolean {
        return this.keys_ ? this.keys_.indexOf(key) >= 0 : proto.has.call(this, key);
      },
      writable: true,
      configurable: true,
    },
    size: {
      get(this: Lazy): number {
        return this.keys_ ? this.keys_.count : size.call(this);
      },
      configurable: true,
    },
    clear: {
      value(this: Lazy): void {
        this.keys_ = null;
        proto.clear.call(this);
      },
      writable: true,
      configurable: true,
    },
  });
}

const WHOLE = ['forEach', 'entries', 'keys', 'values', Symbol.iterator, 'delete'];
lookUpLazily(LazyMap, Map);
lookUpLazily(LazySet, Set);
readWholeFirst(LazyMap, Map, [...WHOLE, 'set']);
readWholeFirst(LazySet, Set, [...WHOLE, 'add']);
