// A compact on-disk form of an object graph (the resolver's index) that loads in milliseconds: objects
// are not rebuilt on load but decoded one at a time when first reached. Maps and Sets come back as
// LazyMap / LazySet (keys in one string pool found through a stored hash table, values decoded on first look-up); every other
// object shared by several others is stored once and comes back as one object, so identity (`includes`,
// `===`) is kept; class instances get their prototype back from a list of known classes; function
// values (closures) are named by the caller and given back by it. What cannot be stored faithfully
// (symbols, getters, frozen objects, non-string Map keys, other classes, NaN) makes encoding throw,
// except WeakMaps and WeakSets (whose entries cannot be listed): they come back new and empty, being
// notes a resolver keeps on objects it meets while resolving (nothing of the built index is in them);
// and the caller then simply builds the index every time.
//
// File: "CSRIDX03", u32 header length, u32 CRC-32 of what follows up to the body (header and block
// table), header JSON, padding to 4, block table (u32 CRC-32 of each 4 KB block of the body), then the
// body: nodes (u32 x4: kind, a, b, c), entries (u32 x4: key offset, key length, value offset, value
// length), slots (u32: each larger collection's hash table, key-slots.ts), pool (UTF-8 text; offsets and
// lengths in bytes). Format 03: the slots replace 02's per-collection key order (binary search). The body is not read as a whole: each block is read and checked when first needed
// (paged-body.ts), and each key or value is decoded from its bytes when asked for.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LazyMap, LazySet, type EntryTable } from './lazy-collections.js';
import { buildSlots } from './key-slots.js';
import { blockCount, blockSums, checksum, PagedBody, SnapshotError, type ReadAt } from './paged-body.js';
import { CollabscopeError } from '../errors.js';

const MAGIC = 'CSRIDX03';
/** Magic, header length, checksum of the header and block table (u32 each after the magic). */
const HEAD = 16;
const KIND = { shared: 1, instance: 2, map: 3, set: 4, weakMap: 5, weakSet: 6 } as const;
/** A value that is only a reference to a node: its offset is the node's id. */
const REF_ONLY = 0xffffffff;
/**
 * Values are JSON in which a string beginning with MARK (a private-use character JSON leaves as it is)
 * is the format's own: MARK + digits a reference to a node, MARK + "u" undefined, MARK + "f" + name a
 * function, and an array beginning with MARK + "s" + digits an object of that shape (its property
 * names listed once in the header, its values following in order). A data string beginning with MARK
 * makes the graph unstorable.
 */
const MARK = '\ue000';
const MARK_CODE = 0xe000;
/** With the u flag only a surrogate outside a pair matches: UTF-8 cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClassList = ReadonlyArray<abstract new (...args: any[]) => object>;

export { SnapshotError };

interface Header {
  key: string;
  nodes: number;
  entries: number;
  slots: number;
  poolBytes: number;
  root: [number, number];
  /** Property names of each object shape. */
  shapes: string[][];
}

/** Encodes a graph; `functions` names each function value that may occur in it. */
export function encodeGraph(root: object, key: string, classes: ClassList, functions: Map<unknown, string> = new Map()): Buffer {
  const encoder = new Encoder(classes, functions);
  encoder.count(root);
  const rootText = encoder.inline(root);
  return encoder.finish(key, rootText);
}

/** Reads a graph back from bytes in memory; throws SnapshotError when they are not a whole snapshot
 *  with this key (a damaged block of the body: when the block is first needed). */
export function decodeGraph(bytes: Buffer, key: string, classes: ClassList, functions: Record<string, unknown> = {}): unknown {
  const prelude = readPrelude(bytes, bytes.length, key);
  const inMemory = bytes.subarray(prelude.bodyStart);
  // the tables are read as u32 words: they need a 4-aligned start
  const body = inMemory.byteOffset % 4 === 0 ? inMemory : Buffer.from(inMemory);
  return decodeBody(prelude, new PagedBody(body.length, prelude.sums, null, null, body), classes, functions);
}

/**
 * Reads a graph from a file, block by block as its parts are first needed (the file is kept open).
 * Throws SnapshotError when the file is not a whole snapshot with this key. A block found damaged later
 * is read from `rebuild()`'s bytes instead (the same graph encoded again: they must be the file's own,
 * byte for byte, else the run stops with an error asking to run it again).
 */
export function openGraphFile(path: string, key: string, classes: ClassList, functions: Record<string, unknown>, rebuild: () => Buffer): unknown {
  const fd = openSync(path, 'r');
  let prelude: Prelude;
  try {
    const size = fstatSync(fd).size;
    // the prelude (header and block table, about 30 KB of a 32 MB index) in one read, a second one
    // only when it is longer than the first guess
    let start = readFrom(fd, 0, Math.min(size, FIRST_READ));
    const wanted = preludeLength(start);
    if (wanted !== null && wanted > start.length && wanted <= size) start = readFrom(fd, 0, wanted);
    prelude = readPrelude(start, size, key);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const { bodyStart } = prelude;
  const fromFile: ReadAt = (target, position, length) => readSync(fd, target, 0, length, bodyStart + position);
  const repair = (): ReadAt => {
    const fresh = rebuild();
    if (!fresh.subarray(0, bodyStart).equals(prelude.bytes)) {
      throw new CollabscopeError('E_KB', `${path}: the resolver index was damaged while in use and has been rebuilt; run the command again`);
    }
    return (target, position, length) => fresh.copy(target, 0, bodyStart + position, bodyStart + position + length);
  };
  try {
    return decodeBody(prelude, new PagedBody(prelude.bodyLength, prelude.sums, fromFile, repair), classes, functions);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

interface Prelude {
  header: Header;
  bodyStart: number;
  bodyLength: number;
  sums: Uint32Array;
  /** The bytes before the body (magic, lengths, header, block table). */
  bytes: Buffer;
}

/** Bytes read first from an index file: its prelude is usually shorter. */
const FIRST_READ = 64 * 1024;

/** How long the prelude of the snapshot starting with these bytes is, or null when they do not say (readPrelude then tells why). */
function preludeLength(start: Buffer): number | null {
  if (start.length < HEAD) return null;
  const headerLength = start.readUInt32LE(8);
  if (HEAD + headerLength > start.length) return null;
  try {
    const header = JSON.parse(start.toString('utf8', HEAD, HEAD + headerLength)) as Header;
    return align(HEAD + headerLength) + blockCount(bodyLengthOf(header)) * 4;
  } catch {
    return null;
  }
}

function bodyLengthOf(header: Header): number {
  return (header.nodes * 4 + header.entries * 4 + header.slots) * 4 + header.poolBytes;
}

/** The header and block table from the first bytes of a snapshot of `size` bytes, checked. */
function readPrelude(start: Buffer, size: number, key: string): Prelude {
  if (start.length < HEAD || start.toString('latin1', 0, 8) !== MAGIC) throw new SnapshotError('not a resolver index');
  const headerLength = start.readUInt32LE(8);
  if (HEAD + headerLength > start.length) throw new SnapshotError('damaged header');
  let header: Header;
  try {
    header = JSON.parse(start.toString('utf8', HEAD, HEAD + headerLength)) as Header;
  } catch {
    throw new SnapshotError('damaged header');
  }
  if (header.key !== key) throw new SnapshotError('built from other inputs');
  const bodyLength = bodyLengthOf(header);
  const sumsStart = align(HEAD + headerLength);
  const bodyStart = sumsStart + blockCount(bodyLength) * 4;
  if (size !== bodyStart + bodyLength || start.length < bodyStart) throw new SnapshotError('truncated');
  if (checksum(start.subarray(HEAD, bodyStart)) !== start.readUInt32LE(12)) throw new SnapshotError('damaged');
  const bytes = Buffer.from(start.subarray(0, bodyStart));
  const sums = new Uint32Array(bytes.buffer, bytes.byteOffset + sumsStart, blockCount(bodyLength));
  return { header, bodyStart, bodyLength, sums, bytes };
}

function decodeBody(prelude: Prelude, body: PagedBody, classes: ClassList, functions: Record<string, unknown>): unknown {
  const { header } = prelude;
  const words = body.bytes;
  const entriesBase = header.nodes * 16;
  const slotsBase = entriesBase + header.entries * 16;
  const poolBase = slotsBase + header.slots * 4;
  const nodes = new Uint32Array(words.buffer, words.byteOffset, header.nodes * 4);
  const entries = new Uint32Array(words.buffer, words.byteOffset + entriesBase, header.entries * 4);
  const slots = new Uint32Array(words.buffer, words.byteOffset + slotsBase, header.slots);
  const pool = words.subarray(poolBase);
  const table = { body, entriesBase, slotsBase, poolBase, pool, entries, slots };
  const decoder = new Decoder(nodes, table, classes, functions, header.shapes);
  return decoder.value(header.root[0], header.root[1]);
}

function readFrom(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  const read = length > 0 ? readSync(fd, buffer, 0, length, position) : 0;
  return buffer.subarray(0, read);
}

function align(n: number): number {
  return (n + 3) & ~3;
}

class Encoder {
  /** Per object: how often it is reached (first pass), then -(node id + 1) once it has a node. */
  private readonly seen = new Map<object, number>();
  private readonly nodes = new Words();
  private readonly entries = new Words();
  private readonly slots = new Words();
  private pool = Buffer.allocUnsafe(1 << 20);
  /** Bytes of the pool so far (UTF-8). */
  private poolLength = 0;
  private readonly keyOffsets = new Map<string, [number, number]>();
  private readonly shapeIds = new Map<string, number>();
  private readonly shapes: string[][] = [];

  constructor(
    private readonly classes: ClassList,
    private readonly functions: Map<unknown, string>,
  ) {}

  /** First pass: how often each object is reached, so that shared ones are stored once. */
  count(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object') continue;
      const times = this.seen.get(v) ?? 0;
      this.seen.set(v, times + 1);
      if (times > 0) continue;
      if (v instanceof Map) {
        for (const [k, item] of v) {
          if (typeof k !== 'string') throw new SnapshotError('a Map key that is not a string');
          stack.push(item);
        }
      } else if (v instanceof Set) {
        for (const item of v) if (typeof item !== 'string') throw new SnapshotError('a Set member that is not a string');
      } else if (Array.isArray(v)) {
        for (const item of v) stack.push(item);
      } else {
        for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }

  /** Adds text to the pool; returns its byte offset and length (UTF-8). */
  private addText(text: string): [number, number] {
    const at = this.poolLength;
    if (this.pool.length - at < text.length * 3) {
      const bigger = Buffer.allocUnsafe(Math.max(this.pool.length * 2, at + text.length * 3));
      this.pool.copy(bigger, 0, 0, at);
      this.pool = bigger;
    }
    const length = this.pool.write(text, at, 'utf8');
    this.poolLength += length;
    return [at, length];
  }

  /** Keys are stored as they are (values as JSON, which escapes what UTF-8 cannot hold). */
  private keyOffset(key: string): [number, number] {
    let at = this.keyOffsets.get(key);
    if (at === undefined) {
      if (LONE_SURROGATE.test(key)) throw new SnapshotError('a key with a lone surrogate');
      this.keyOffsets.set(key, (at = this.addText(key)));
    }
    return at;
  }

  /** The node id of an object stored on its own (shared, a collection or a class instance), else -1. */
  private nodeOf(v: object): number {
    const times = this.seen.get(v) ?? 0;
    if (times < 0) return -times - 1;
    const proto = Object.getPrototypeOf(v);
    const own = times > 1 || (proto !== Object.prototype && proto !== Array.prototype);
    if (!own && !(v instanceof WeakMap || v instanceof WeakSet)) return -1;
    const id = this.nodes.length / 4;
    this.seen.set(v, -id - 1);
    this.nodes.push4(0, 0, 0, 0);
    const at = id * 4;
    const set = (kind: number, a: number, b: number, c: number) => this.nodes.set4(at, kind, a, b, c);
    if (v instanceof Map || v instanceof Set) {
      // a collection read from an earlier snapshot is read whole by the iteration below
      if (![Map.prototype, Set.prototype, LazyMap.prototype, LazySet.prototype].includes(proto)) throw new SnapshotError('a Map or Set subclass');
      const keys: string[] = [];
      const values: Array<[number, number]> = [];
      for (const item of v instanceof Map ? v.entries() : v.values()) {
        const [k, value] = v instanceof Map ? (item as [string, unknown]) : [item as string, undefined];
        keys.push(k);
        values.push(v instanceof Map ? this.valueSlot(value) : [0, 0]);
      }
      // the values' own collections were written while reading them: this one's entries come after
      const first = this.entries.length / 4;
      const slotStart = this.slots.length;
      this.slots.pushAll(buildSlots(keys));
      for (let i = 0; i < keys.length; i++) {
        const slot = this.keyOffset(keys[i]);
        this.entries.push4(slot[0], slot[1], values[i][0], values[i][1]);
      }
      set(v instanceof Map ? KIND.map : KIND.set, first, keys.length, slotStart);
    } else if (v instanceof WeakMap || v instanceof WeakSet) {
      // notes kept on objects met while resolving: empty in a freshly built index, and given back empty
      set(v instanceof WeakMap ? KIND.weakMap : KIND.weakSet, 0, 0, 0);
    } else if (proto === Object.prototype || proto === Array.prototype) {
      const [offset, length] = this.addText(this.body(v));
      set(KIND.shared, offset, length, 0);
    } else {
      const index = this.classes.findIndex((c) => c.prototype === proto);
      if (index < 0) throw new SnapshotError(`an instance of an unknown class (${proto?.constructor?.name ?? 'null prototype'})`);
      for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
        if (!('value' in d) || !d.enumerable || !d.writable) throw new SnapshotError(`a property that is not plain data (${k})`);
      }
      const [offset, length] = this.addText(this.objectBody(v));
      set(KIND.instance, index, offset, length);
    }
    return id;
  }

  private valueSlot(value: unknown): [number, number] {
    if (value !== null && typeof value === 'object') {
      const id = this.nodeOf(value);
      if (id >= 0) return [id, REF_ONLY];
    }
    return this.addText(this.inline(value));
  }

  /** JSON text of a value, objects stored on their own written as references. */
  inline(v: unknown): string {
    switch (typeof v) {
      case 'string':
        if (v.charCodeAt(0) === MARK_CODE) throw new SnapshotError('a string beginning with the format\'s mark');
        return JSON.stringify(v);
      case 'boolean':
        return JSON.stringify(v);
      case 'number':
        if (!Number.isFinite(v) || Object.is(v, -0)) throw new SnapshotError('a number JSON cannot hold');
        return JSON.stringify(v);
      case 'undefined':
        return `"${MARK}u"`;
      case 'function': {
        const name = this.functions.get(v);
        if (name === undefined) throw new SnapshotError(`an unnamed function (${v.name || 'anonymous'})`);
        return JSON.stringify(`${MARK}f${name}`);
      }
      case 'object': {
        if (v === null) return 'null';
        const id = this.nodeOf(v);
        return id >= 0 ? `"${MARK}${id}"` : this.body(v);
      }
      default:
        throw new SnapshotError(`a ${typeof v} value`);
    }
  }

  private body(v: object): string {
    if (!Array.isArray(v)) return this.objectBody(v);
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new SnapshotError('a sparse array');
      items.push(this.inline(v[i]));
    }
    return `[${items.join(',')}]`;
  }

  /** Own enumerable properties (plain data objects; class instances' descriptors are checked in nodeOf), as a shaped array. */
  private objectBody(v: object): string {
    if (Object.isFrozen(v) && Object.keys(v).length > 0) throw new SnapshotError('a frozen object');
    if (Object.getOwnPropertySymbols(v).length > 0) throw new SnapshotError('a symbol-keyed property');
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    const shapeKey = keys.join('\u0001');
    let shape = this.shapeIds.get(shapeKey);
    if (shape === undefined) {
      this.shapeIds.set(shapeKey, (shape = this.shapes.length));
      this.shapes.push(keys);
    }
    let text = `["${MARK}s${shape}"`;
    for (const k of keys) text += `,${this.inline(o[k])}`;
    return `${text}]`;
  }

  finish(key: string, rootText: string): Buffer {
    const root = this.addText(rootText);
    const header: Header = { key, nodes: this.nodes.length / 4, entries: this.entries.length / 4, slots: this.slots.length, poolBytes: this.poolLength, root, shapes: this.shapes };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const tableWords = this.nodes.length + this.entries.length + this.slots.length;
    const body = Buffer.alloc(tableWords * 4 + this.poolLength);
    const tables = new Uint32Array(body.buffer, body.byteOffset, tableWords);
    tables.set(this.nodes.view(), 0);
    tables.set(this.entries.view(), this.nodes.length);
    tables.set(this.slots.view(), this.nodes.length + this.entries.length);
    this.pool.copy(body, tableWords * 4, 0, this.poolLength);
    const sums = blockSums(body);
    const sumsStart = align(HEAD + headerBytes.length);
    const bodyStart = sumsStart + sums.length * 4;
    const out = Buffer.alloc(bodyStart + body.length);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(headerBytes.length, 8);
    headerBytes.copy(out, HEAD);
    Buffer.from(sums.buffer, sums.byteOffset, sums.length * 4).copy(out, sumsStart);
    body.copy(out, bodyStart);
    out.writeUInt32LE(checksum(out.subarray(HEAD, bodyStart)), 12);
    return out;
  }
}

/** A growing array of u32. */
class Words {
  private data = new Uint32Array(1 << 16);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.data.length) return;
    const bigger = new Uint32Array(Math.max(this.data.length * 2, this.length + n));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  pushAll(words: Uint32Array): void {
    this.room(words.length);
    this.data.set(words, this.length);
    this.length += words.length;
  }

  push4(a: number, b: number, c: number, d: number): void {
    this.room(4);
    const at = this.length;
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
    this.data[at + 3] = d;
    this.length += 4;
  }

  set4(at: number, a: number, b: number, c: number, d: number): void {
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
    this.data[at + 3] = d;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

class Decoder {
  private readonly made: unknown[] = [];
  private readonly table: EntryTable;

  constructor(
    private readonly nodes: Uint32Array,
    table: Omit<EntryTable, 'value'>,
    private readonly classes: ClassList,
    private readonly functions: Record<string, unknown>,
    private readonly shapes: string[][],
  ) {
    this.table = { ...table, value: (offset, length) => this.value(offset, length) };
  }

  value(offset: number, length: number): unknown {
    if (length === REF_ONLY) return this.node(offset);
    const text = this.text(offset, length);
    const parsed: unknown = JSON.parse(text);
    return text.includes(MARK) ? this.fix(parsed) : parsed;
  }

  /** Text of the pool, its blocks read first. */
  private text(offset: number, length: number): string {
    const { body, poolBase, pool } = this.table;
    body.need(poolBase + offset, poolBase + offset + length);
    return pool.toString('utf8', offset, offset + length);
  }

  private node(id: number): unknown {
    const known = this.made[id];
    if (known !== undefined) return known;
    const at = id * 4;
    this.table.body.needWords(0, at, 4);
    const [kind, a, b, c] = [this.nodes[at], this.nodes[at + 1], this.nodes[at + 2], this.nodes[at + 3]];
    if (kind === KIND.map || kind === KIND.set) {
      const made = kind === KIND.map ? new LazyMap(this.table, a, b, c) : new LazySet(this.table, a, b, c);
      this.made[id] = made;
      return made;
    }
    if (kind === KIND.weakMap || kind === KIND.weakSet) {
      const made = kind === KIND.weakMap ? new WeakMap() : new WeakSet();
      this.made[id] = made;
      return made;
    }
    if (kind === KIND.shared) {
      const parsed = JSON.parse(this.text(a, b)) as unknown[];
      const shape = this.shapeOf(parsed);
      // the node is known before its parts are read: a part may lead back to it
      const made = shape ? {} : parsed;
      this.made[id] = made;
      if (shape) this.fill(made as Record<string, unknown>, shape, parsed);
      else this.fixItems(parsed);
      return made;
    }
    if (kind !== KIND.instance || a >= this.classes.length) throw new SnapshotError('damaged node table');
    const instance = Object.create(this.classes[a].prototype) as Record<string, unknown>;
    this.made[id] = instance;
    const body = JSON.parse(this.text(b, c)) as unknown[];
    const shape = this.shapeOf(body);
    if (!shape) throw new SnapshotError('damaged instance');
    this.fill(instance, shape, body);
    return instance;
  }

  /** The property names of a shaped array, or null for a plain array. */
  private shapeOf(v: unknown[]): string[] | null {
    const first = v[0];
    if (typeof first !== 'string' || first.charCodeAt(0) !== MARK_CODE || first[1] !== 's') return null;
    const shape = this.shapes[Number(first.slice(2))];
    if (!shape || shape.length !== v.length - 1) throw new SnapshotError('damaged shape');
    return shape;
  }

  private fill(o: Record<string, unknown>, shape: string[], values: unknown[]): void {
    for (let i = 0; i < shape.length; i++) o[shape[i]] = this.fix(values[i + 1]);
  }

  private fixItems(v: unknown[]): void {
    for (let i = 0; i < v.length; i++) v[i] = this.fix(v[i]);
  }

  /** A parsed value with the format's marks replaced by what they stand for. */
  private fix(v: unknown): unknown {
    if (typeof v === 'string') {
      if (v.charCodeAt(0) !== MARK_CODE) return v;
      if (v[1] === 'u') return undefined;
      if (v[1] === 'f') {
        const fn = this.functions[v.slice(2)];
        if (typeof fn !== 'function') throw new SnapshotError(`no function given for ${v.slice(2)}`);
        return fn;
      }
      return this.node(Number(v.slice(1)));
    }
    if (!Array.isArray(v)) return v;
    const shape = this.shapeOf(v);
    if (!shape) {
      this.fixItems(v);
      return v;
    }
    const o: Record<string, unknown> = {};
    this.fill(o, shape, v);
    return o;
  }
}
