// Map and Set stand-ins for a prebuilt resolver index read back from disk (see snapshot.ts): their keys
// sit in one UTF-8 pool, found through a hash table stored with them (key-slots.ts), and each value is
// decoded the first time it is asked for, so loading the index creates almost no objects. They behave as
// the Map and Set they replace: look-ups by hash and compare with the key's bytes in place (no string
// made), and anything else (iterating, adding, deleting) first reads every entry, in the original
// insertion order, into the real collection underneath (readWholeFirst).

import type { PagedBody } from './paged-body.js';
import { keyHash, slotCount } from './key-slots.js';

/** Where one collection's entries are and how to read them; shared by all collections of a snapshot. */
export interface EntryTable {
  /** The snapshot's body, whose blocks are read when first needed: `need` before reading any of it. */
  body: PagedBody;
  /** Where the entries, the slots and the pool start in the body (bytes). */
  entriesBase: number;
  slotsBase: number;
  poolBase: number;
  /** The snapshot's text (UTF-8): every key and every encoded value. */
  pool: Buffer;
  /** Four numbers an entry: key offset, key length, value offset, value length (bytes of `pool`). */
  entries: Uint32Array;
  /** Per collection of more than LINEAR_MAX keys, its hash table: 0 or 1 + an entry index (relative to its first entry). */
  slots: Uint32Array;
  /** Decodes one encoded value (a slice of the pool). */
  value(offset: number, length: number): unknown;
}

const ENCODER = new TextEncoder();
const SCRATCH = new Uint8Array(3 * 1024);
/** With the u flag only a surrogate outside a pair matches: no stored key has one (the writer refuses them). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The hashed-key look-up both collections share. */
class HashedKeys {
  constructor(
    readonly table: EntryTable,
    readonly first: number,
    readonly count: number,
    /** Where its slots start (words of `slots`; their number is slotCount(count)). */
    readonly slotStart: number,
  ) {
    this.mask = Math.max(0, slotCount(count) - 1);
  }

  /** The number of slots less one; 0: no table, the keys are compared one by one. */
  readonly mask: number;

  keyAt(i: number): string {
    const e = (this.first + i) * 4;
    const { entries, pool, body, entriesBase, poolBase } = this.table;
    body.needWords(entriesBase, e, 2);
    body.need(poolBase + entries[e], poolBase + entries[e] + entries[e + 1]);
    return pool.toString('utf8', entries[e], entries[e] + entries[e + 1]);
  }

  indexOf(key: unknown): number {
    if (typeof key !== 'string') return -1;
    const { slots, body, slotsBase } = this.table;
    if (this.mask === 0) {
      for (let i = 0; i < this.count; i++) if (this.isKeyAt(i, key)) return i;
      return -1;
    }
    const mask = this.mask;
    const start = this.slotStart;
    // at most one round of the table: the writer leaves a third of it empty, so a probe meets an empty
    // slot long before; the bound turns a table damaged past its checksums into misses, not a hang
    for (let s = keyHash(key) & mask, probes = 0; probes <= mask; s = (s + 1) & mask, probes++) {
      body.needWords(slotsBase, start + s, 1);
      const slot = slots[start + s];
      if (slot === 0) return -1;
      if (this.isKeyAt(slot - 1, key)) return slot - 1;
    }
    return -1;
  }

  /** Whether entry i's key is `key`: its UTF-8 bytes compared with the string's in place. */
  private isKeyAt(i: number, key: string): boolean {
    const e = (this.first + i) * 4;
    const { entries, pool, body, entriesBase, poolBase } = this.table;
    body.needWords(entriesBase, e, 2);
    const length = entries[e + 1];
    // a string's UTF-8 has at least as many bytes as it has UTF-16 units
    if (length < key.length) return false;
    const start = entries[e];
    body.need(poolBase + start, poolBase + start + length);
    for (let j = 0; j < key.length; j++) {
      const c = key.charCodeAt(j);
      if (c >= 0x80) return sameBytes(key, pool, start, length);
      if (pool[start + j] !== c) return false;
    }
    return length === key.length;
  }
}

/**
 * The key last encoded into SCRATCH and what came of it: its UTF-8 length, LONE (a lone surrogate: it
 * matches no stored key) or LONG (longer than SCRATCH). A look-up compares one key with several
 * candidates (every key of a small collection, a probe sequence), so the key is encoded once, not per
 * candidate. Nothing else writes SCRATCH, and look-ups never interleave (one thread, no await).
 */
let encodedKey: string | null = null;
let encodedLength = 0;
const LONE = -1;
const LONG = -2;

/** A key outside ASCII against the stored bytes: encoded whole, once per key (a lone surrogate matches no stored key). */
function sameBytes(key: string, pool: Buffer, start: number, length: number): boolean {
  if (key !== encodedKey) {
    encodedKey = key;
    encodedLength = LONE_SURROGATE.test(key) ? LONE : key.length * 3 > SCRATCH.length ? LONG : ENCODER.encodeInto(key, SCRATCH).written;
  }
  if (encodedLength === LONE) return false;
  if (encodedLength === LONG) return Buffer.from(key, 'utf8').equals(pool.subarray(start, start + length));
  if (encodedLength !== length) return false;
  for (let j = 0; j < length; j++) if (SCRATCH[j] !== pool[start + j]) return false;
  return true;
}

/** A decoded value not yet asked for (values may be undefined). */
const UNSET: unique symbol = Symbol('unset');

export class LazyMap<V> extends Map<string, V> {
  /** The lazy look-up; null once the collection is read whole (or cleared). */
  keys_: HashedKeys | null;
  private decoded: Array<V | typeof UNSET> | null = null;

  constructor(table: EntryTable, first: number, count: number, slotStart: number) {
    super();
    this.keys_ = count > 0 ? new HashedKeys(table, first, count, slotStart) : null;
  }

  private valueAt(keys: HashedKeys, i: number): V {
    const decoded = (this.decoded ??= new Array<V | typeof UNSET>(keys.count).fill(UNSET));
    const known = decoded[i];
    if (known !== UNSET) return known;
    const e = (keys.first + i) * 4;
    keys.table.body.needWords(keys.table.entriesBase, e + 2, 2);
    const value = keys.table.value(keys.table.entries[e + 2], keys.table.entries[e + 3]) as V;
    decoded[i] = value;
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
  keys_: HashedKeys | null;

  constructor(table: EntryTable, first: number, count: number, slotStart: number) {
    super();
    this.keys_ = count > 0 ? new HashedKeys(table, first, count, slotStart) : null;
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
  type Lazy = { keys_: HashedKeys | null };
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
