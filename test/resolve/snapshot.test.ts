// The on-disk graph format of the prebuilt resolver index: what goes in comes back (shared objects once,
// Map and Set order, prototypes, undefined, closures by name), look-ups without reading everything, and
// damaged or foreign bytes refused with SnapshotError; a file read block by block as it is needed, a
// damaged block found then read from the rebuilt bytes (or the run stopped when they differ).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeGraph, encodeGraph, openGraphFile, SnapshotError } from '../../src/resolve/snapshot.js';
import { LazyMap, LazySet, type EntryTable } from '../../src/resolve/lazy-collections.js';
import { blockReads, BLOCK_SIZE, type PagedBody } from '../../src/resolve/paged-body.js';
import { buildSlots, keyHash, LINEAR_MAX, slotCount } from '../../src/resolve/key-slots.js';
import { CollabscopeError } from '../../src/errors.js';

class Box {
  items = new Map<string, number[]>();
  label = 'box';
  total(): number {
    return [...this.items.values()].flat().reduce((a, b) => a + b, 0);
  }
}

function sample() {
  const shared = { name: 'Zorbe Institute', tags: ['a', 'b'] };
  const box = new Box();
  box.items.set('zeta', [1, 2]).set('alpha', [3]).set('émile', [4]).set('日本', [5]).set('😀', [6]).set('\ue000', [7]);
  const fn = (x: string) => x.length;
  const nested = new Map<string, unknown>([
    ['numbers first', { 2: 'two', b: 'bee', 1: 'one', list: [undefined, shared, shared] }],
    ['first', { next: new Map([['deeper', { leaf: shared }]]), hole: undefined }],
    ['second', shared],
  ]);
  return { root: { box, shared, again: shared, nested, words: new Set(['pear', 'apple', 'fig']), fn, n: 3, flag: true, none: null, notes: new WeakMap<object, string>() }, fn };
}

describe('snapshot graph format', () => {
  it('gives back the same data: shared objects once, order, prototypes, undefined and named functions', () => {
    const { root, fn } = sample();
    const bytes = encodeGraph(root, 'k1', [Box], new Map([[fn, 'length']]));
    const back = decodeGraph(bytes, 'k1', [Box], { length: fn }) as typeof root;
    assert.ok(back.box instanceof Box);
    assert.equal(back.box.total(), 28);
    assert.equal(back.box.label, 'box');
    assert.ok(back.box.items instanceof LazyMap);
    // look-ups by key, including keys outside ASCII and outside the Basic Multilingual Plane
    for (const key of ['zeta', 'alpha', 'émile', '日本', '😀', '\ue000']) assert.deepEqual(back.box.items.get(key), root.box.items.get(key), key);
    assert.equal(back.box.items.get('beta'), undefined);
    assert.equal(back.box.items.has('alpha'), true);
    assert.equal(back.box.items.has('alp'), false);
    assert.equal(back.box.items.size, 6);
    // insertion order kept when iterated
    assert.deepEqual([...back.box.items.keys()], ['zeta', 'alpha', 'émile', '日本', '😀', '\ue000']);
    assert.strictEqual(back.shared, back.again);
    const first = back.nested.get('first') as { next: Map<string, { leaf: unknown }>; hole: undefined };
    assert.strictEqual(first.next.get('deeper')?.leaf, back.shared);
    assert.strictEqual(back.nested.get('second'), back.shared);
    assert.ok('hole' in first && first.hole === undefined);
    assert.ok(back.words instanceof LazySet);
    assert.equal(back.words.has('apple'), true);
    assert.equal(back.words.has('plum'), false);
    assert.deepEqual([...back.words], ['pear', 'apple', 'fig']);
    assert.strictEqual(back.fn, fn);
    assert.deepEqual([back.n, back.flag, back.none], [3, true, null]);
    assert.ok(back.notes instanceof WeakMap);
    const numbered = back.nested.get('numbers first') as Record<string, unknown>;
    assert.deepEqual(Object.keys(numbered), ['1', '2', 'b', 'list']);
    assert.deepEqual(numbered.list, [undefined, back.shared, back.shared]);
    assert.strictEqual((numbered.list as unknown[])[1], back.shared);
  });

  it('a lazy collection changed after loading behaves as a Map or Set', () => {
    const bytes = encodeGraph({ m: new Map([['b', 1], ['a', 2]]), s: new Set(['y', 'x']) }, 'k', []);
    const back = decodeGraph(bytes, 'k', []) as { m: Map<string, number>; s: Set<string> };
    assert.equal(back.m.get('a'), 2);
    back.m.set('c', 3);
    assert.deepEqual([...back.m], [['b', 1], ['a', 2], ['c', 3]]);
    back.m.delete('b');
    assert.equal(back.m.size, 2);
    back.s.add('z');
    assert.deepEqual([...back.s], ['y', 'x', 'z']);
    assert.equal(back.s.has('x'), true);
  });

  it('answers the same as the Map and Set over many look-ups (stored hash tables): hits, misses, values', () => {
    const map = new Map<string, number>();
    const set = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      map.set(`k${(i * 7919) % 3001}é`, i);
      set.add(`w${i}`);
    }
    const bytes = encodeGraph({ map, set }, 'k', []);
    const back = decodeGraph(bytes, 'k', []) as { map: Map<string, number>; set: Set<string> };
    // keys that are there and keys that are not, each asked twice
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 4000; i++) {
        const key = `k${i}é`;
        assert.equal(back.map.get(key), map.get(key), key);
        assert.equal(back.map.has(key), map.has(key), key);
        assert.equal(back.set.has(`w${i}`), set.has(`w${i}`));
      }
    assert.equal(back.map.get('k1'), undefined);
    assert.equal(back.map.size, map.size);
    assert.deepEqual([...back.map], [...map]);
  });

  it('finds keys of every size of collection, outside ASCII too, as a Map does (no table up to LINEAR_MAX keys)', () => {
    const words = ['a', 'ab', 'abc', 'é', 'ée', 'naïve', '日本', '😀', 'x😀y', '\ufffd', '', 'b'.repeat(2000), 'ü'.repeat(1500)];
    const sizes = [1, 2, LINEAR_MAX, LINEAR_MAX + 1, 50, 700];
    const graph: Record<string, Map<string, number>> = {};
    for (const size of sizes) {
      const map = new Map<string, number>();
      for (let i = 0; map.size < size; i++) map.set(i < words.length ? words[i] : `w${i}·${i % 7}`, i);
      graph[`m${size}`] = map;
    }
    const back = decodeGraph(encodeGraph(graph, 'k', []), 'k', []) as typeof graph;
    const asked = [...words, 'a\ud800', '\ud800', 'abcd', 'A', 'w20·6', 'w20·5', 'b'.repeat(1999), 'ü'.repeat(1499) + 'u'];
    for (const size of sizes) {
      const map = graph[`m${size}`];
      const lazy = back[`m${size}`];
      assert.ok(lazy instanceof LazyMap);
      for (const key of [...asked, ...map.keys()]) assert.equal(lazy.get(key), map.get(key), `${size}: ${key}`);
      assert.deepEqual([...lazy], [...map]);
    }
    // every key in exactly one slot of the table (where: key-slots.property.test.ts's wrap-around case)
    const keys = Array.from({ length: 100 }, (_, i) => `key ${i}`);
    const slots = buildSlots(keys);
    assert.equal(slots.length, slotCount(keys.length));
    assert.deepEqual([...slots].filter((s) => s > 0).sort((x, y) => x - y), keys.map((_, i) => i + 1));
    assert.equal(slotCount(LINEAR_MAX), 0);
    assert.ok(slotCount(1000) >= 1500 && (slotCount(1000) & (slotCount(1000) - 1)) === 0);
    assert.equal(keyHash('key 1'), keyHash('key 1'));
  });

  it('a look-up in a table with no empty slot ends (a miss after one round), never loops', () => {
    // a hand-made table as no writer makes it: 9 keys (hashed, 16 slots) and every slot taken
    const keys = Array.from({ length: LINEAR_MAX + 1 }, (_, i) => `key ${i}`);
    const pool = Buffer.from(keys.join(''), 'utf8');
    const entries = new Uint32Array(keys.length * 4);
    let offset = 0;
    keys.forEach((key, i) => {
      entries.set([offset, key.length, 0, 0], i * 4);
      offset += key.length;
    });
    const slots = new Uint32Array(slotCount(keys.length));
    const placed = buildSlots(keys);
    for (let s = 0; s < slots.length; s++) slots[s] = placed[s] || 1 + (s % keys.length);
    const body = { need() {}, needWords() {} } as unknown as PagedBody;
    const table: EntryTable = { body, entriesBase: 0, slotsBase: 0, poolBase: 0, pool, entries, slots, value: () => 7 };
    const map = new LazyMap<number>(table, 0, keys.length, 0);
    for (const key of keys) assert.equal(map.get(key), 7);
    assert.equal(map.get('not a key'), undefined);
    assert.equal(map.has('key 99'), false);
  });

  it('refuses what it cannot store faithfully', () => {
    class Unknown {
      x = 1;
    }
    const cases: Array<[string, object]> = [
      ['unknown class', { u: new Unknown() }],
      ['non-string Map key', { m: new Map([[1, 'one']]) }],
      ['NaN', { n: Number.NaN }],
      ['sparse array', { a: [1, , 3] }],
      ['frozen object', { f: Object.freeze({ a: 1 }) }],
      ['symbol key', { [Symbol('s')]: 1 }],
      ['unnamed function', { f: () => 1 }],
      ['lone surrogate in a key', { m: new Map([['a\ud800b', 1]]) }],
      ["a string beginning with the format's mark", { s: '\ue000s1' }],
    ];
    for (const [what, value] of cases) assert.throws(() => encodeGraph(value, 'k', []), SnapshotError, what);
  });

  it('refuses truncated, damaged or foreign bytes and another key', () => {
    const { root, fn } = sample();
    const bytes = encodeGraph(root, 'k1', [Box], new Map([[fn, 'length']]));
    const open = (b: Buffer, key = 'k1') => decodeGraph(b, key, [Box], { length: () => 0 });
    assert.throws(() => open(bytes.subarray(0, bytes.length - 1)), SnapshotError);
    assert.throws(() => open(bytes.subarray(0, 10)), SnapshotError);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 5] ^= 0x20;
    assert.throws(() => open(flipped), SnapshotError);
    assert.throws(() => open(Buffer.from('not an index at all')), SnapshotError);
    assert.throws(() => open(bytes, 'k2'), SnapshotError);
  });

  /** A graph of many blocks: 3,000 entries of ~200 bytes each (values written in insertion order). */
  function large() {
    const map = new Map<string, { n: number; text: string }>();
    for (let i = 0; i < 3000; i++) map.set(`key ${String(i).padStart(5, '0')}`, { n: i, text: `value ${i} `.repeat(20) });
    return { map, tail: 'last' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-snapshot-'));

  it('reads a file only in the blocks a look-up needs, and the whole when iterated, with the same data', () => {
    const root = large();
    const bytes = encodeGraph(root, 'k', []);
    assert.ok(bytes.length > 100 * BLOCK_SIZE, 'many blocks');
    const file = join(dir, 'large.bin');
    writeFileSync(file, bytes);
    const before = { ...blockReads };
    const back = openGraphFile(file, 'k', [], {}, () => assert.fail('nothing to repair')) as ReturnType<typeof large>;
    assert.deepEqual(back.map.get('key 01234'), { n: 1234, text: 'value 1234 '.repeat(20) });
    assert.equal(back.map.get('key 99999'), undefined);
    const blocks = blockReads.of - before.of;
    const read = blockReads.read - before.read;
    assert.ok(blocks > 100 && read > 0 && read < 30, `${read} of ${blocks} blocks read for two look-ups`);
    assert.deepEqual([...back.map], [...root.map]);
    assert.equal(back.tail, 'last');
    assert.equal(blockReads.read - before.read, blocks, 'iterating reads every block once');
  });

  it('finds a damaged block when it is first needed: in memory an error, from a file the rebuilt bytes', () => {
    const root = large();
    const bytes = encodeGraph(root, 'k', []);
    const damaged = Buffer.from(bytes);
    // the middle of the file: values of the middle keys, not read by opening it
    damaged[Math.floor(bytes.length / 2)] ^= 0x04;
    const inMemory = decodeGraph(damaged, 'k', []) as ReturnType<typeof large>;
    assert.deepEqual(inMemory.map.get('key 00001'), root.map.get('key 00001'), 'an intact block is read');
    assert.throws(() => [...inMemory.map.values()], SnapshotError, 'the damaged one is refused, not decoded');

    const file = join(dir, 'damaged.bin');
    writeFileSync(file, damaged);
    let rebuilt = 0;
    const back = openGraphFile(file, 'k', [], {}, () => (rebuilt++, encodeGraph(large(), 'k', []))) as ReturnType<typeof large>;
    assert.deepEqual(back.map.get('key 00001'), root.map.get('key 00001'));
    assert.equal(rebuilt, 0, 'not rebuilt before a damaged block is needed');
    assert.deepEqual([...back.map], [...root.map], 'every value right, the damaged block read from the rebuilt bytes');
    assert.equal(rebuilt, 1);

    // rebuilt bytes that are not the file's own (other data): the run cannot go on with both
    const other = openGraphFile(file, 'k', [], {}, () => {
      const changed = large();
      changed.map.set('key 00000', { n: -1, text: 'changed' });
      return encodeGraph(changed, 'k', []);
    }) as ReturnType<typeof large>;
    assert.throws(() => [...other.map.values()], (e: unknown) => e instanceof CollabscopeError && e.code === 'E_KB' && /run the command again/.test(e.message));
  });
});

