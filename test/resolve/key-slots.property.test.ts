// Property tests of the stored hash tables of the prebuilt index (key-slots.ts, lazy-collections.ts):
// a Map or Set written by snapshot.ts and read back answers every look-up as the plain collection does
// (hits, misses, values, size, iteration order), for keys outside ASCII, astral, empty, with NUL,
// prefixes of each other, NFC and NFD forms, lone surrogates asked, collections on both sides of the
// hash-table threshold, keys and tables straddling the 4 KB blocks of a file, and a damaged block met
// while probing (read from the rebuilt bytes, or refused in memory, never a wrong answer).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeGraph, encodeGraph, openGraphFile, SnapshotError } from '../../src/resolve/snapshot.js';
import { BLOCK_SIZE } from '../../src/resolve/paged-body.js';
import { buildSlots, keyHash, LINEAR_MAX, slotCount } from '../../src/resolve/key-slots.js';

/** Pieces that make keys prefixes of each other, equal after normalisation, astral, NUL, replacement char. */
const PIECES = ['a', 'b', 'ab', 'é', 'e\u0301', 'ü', '\0', '😀', '😁', '日', '\ufffd', ' ', '\u00a0', 'Σ', 'ς', '\ue000x'];
const LONE = /[\uD800-\uDFFF]/u;

/** A key the writer accepts: built of pieces, any graphemes, or long (over the 1,024 units of the in-place encoder). */
const storedKey = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.tuple(fc.constantFrom('x', 'é', '😀'), fc.integer({ min: 300, max: 1400 }), fc.constantFrom('', 'a', 'é')).map(([c, n, end]) => c.repeat(n) + end),
);

/** Keys asked: stored ones changed a little (a prefix, one more unit, NFC/NFD, a lone surrogate), and any string. */
function variants(key: string): string[] {
  const out = [key, key.slice(0, -1), key.slice(1), `${key}\0`, `\0${key}`, `${key}a`, key.normalize('NFC'), key.normalize('NFD'), `${key}\ud800`, `\udc00${key}`];
  // the high half of an astral character alone: equal to U+FFFD in Buffer.from's UTF-8
  if (key.length > 0) out.push(key.slice(0, key.length - 1) + '\ud83d', key.replace('\ufffd', '\ud800'));
  return out;
}

/** Values of some size, so that entries, keys and tables of several collections cross block boundaries. */
const value = fc.oneof(fc.integer(), fc.constant(undefined), fc.string({ maxLength: 300 }).filter((s) => !LONE.test(s) && !s.startsWith('\ue000')));

const collections = fc.array(
  fc.record({
    keys: fc.uniqueArray(storedKey, { maxLength: 40, minLength: 0 }),
    set: fc.boolean(),
    values: fc.array(value, { minLength: 40, maxLength: 40 }),
  }),
  { minLength: 1, maxLength: 6 },
);

type Graph = { items: Array<Map<string, unknown> | Set<string>> };

function graphOf(specs: Array<{ keys: string[]; set: boolean; values: unknown[] }>): Graph {
  return {
    items: specs.map(({ keys, set, values }) => (set ? new Set(keys) : new Map(keys.map((k, i) => [k, values[i]] as [string, unknown])))),
  };
}

function sameAnswers(plain: Map<string, unknown> | Set<string>, lazy: Map<string, unknown> | Set<string>, asked: string[]): void {
  assert.equal(lazy.size, plain.size);
  for (const key of asked) {
    assert.equal(lazy.has(key), plain.has(key), JSON.stringify(key));
    if (plain instanceof Map) assert.deepEqual((lazy as Map<string, unknown>).get(key), plain.get(key), JSON.stringify(key));
  }
  assert.deepEqual([...lazy], [...plain], 'iteration order');
}

function askedOf(graph: Graph, extra: string[]): string[] {
  const asked = [...extra];
  for (const c of graph.items) for (const k of c.keys()) asked.push(...variants(k));
  return asked;
}

const dir = mkdtempSync(join(tmpdir(), 'collabscope-key-slots-'));
let fileNo = 0;

describe('stored hash tables of the prebuilt index', () => {
  it('a collection read back answers as the Map or Set written, in memory and from a file', () => {
    fc.assert(
      fc.property(collections, fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 20 }), (specs, extra) => {
        const graph = graphOf(specs);
        const bytes = encodeGraph(graph, 'k', []);
        const asked = askedOf(graph, extra);
        const inMemory = decodeGraph(bytes, 'k', []) as Graph;
        const file = join(dir, `g${fileNo++}.bin`);
        writeFileSync(file, bytes);
        const fromFile = openGraphFile(file, 'k', [], {}, () => assert.fail('nothing to repair')) as Graph;
        graph.items.forEach((plain, i) => {
          sameAnswers(plain, inMemory.items[i], asked);
          sameAnswers(plain, fromFile.items[i], asked);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('collections around the table threshold (LINEAR_MAX) and large ones, asked before and after a change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * LINEAR_MAX }), fc.integer({ min: 0, max: 1000 }), (size, seed) => {
        const map = new Map<string, number>();
        for (let i = 0; map.size < size; i++) map.set(PIECES[(i + seed) % PIECES.length] + String(i * 31 + seed), i);
        const back = decodeGraph(encodeGraph({ map }, 'k', []), 'k', []) as { map: Map<string, number> };
        const asked = [...map.keys()].flatMap(variants);
        sameAnswers(map, back.map, asked);
        back.map.set('added', -1);
        map.set('added', -1);
        back.map.delete(PIECES[seed % PIECES.length] + String(seed));
        map.delete(PIECES[seed % PIECES.length] + String(seed));
        sameAnswers(map, back.map, asked);
      }),
      { numRuns: 200 },
    );
  });

  it('probes wrap around the end of a table, and a table of keys that all want one slot is still found', () => {
    for (const count of [LINEAR_MAX + 1, 10, 23]) {
      const mask = slotCount(count) - 1;
      // keys whose hash falls on the last slot: each probe sequence wraps past the end to slot 0
      const keys: string[] = [];
      for (let i = 0; keys.length < count; i++) if ((keyHash(`w${i}`) & mask) === mask) keys.push(`w${i}`);
      const slots = buildSlots(keys);
      assert.notEqual(slots[0], 0, 'a key was placed past the end');
      const map = new Map(keys.map((k, i) => [k, i]));
      const back = decodeGraph(encodeGraph({ map }, 'k', []), 'k', []) as { map: Map<string, number> };
      // misses that hash to the same slot walk the whole cluster to the first empty slot
      const misses: string[] = [];
      for (let i = 0; misses.length < 20; i++) if ((keyHash(`m${i}`) & mask) === mask) misses.push(`m${i}`);
      sameAnswers(map, back.map, [...keys, ...misses]);
    }
  });

  /** Where the body and its parts start in a snapshot's bytes (snapshot.ts's layout). */
  function layout(bytes: Buffer) {
    const headerLength = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength)) as { nodes: number; entries: number; slots: number; poolBytes: number };
    const bodyLength = (header.nodes * 4 + header.entries * 4 + header.slots) * 4 + header.poolBytes;
    const bodyStart = ((16 + headerLength + 3) & ~3) + Math.ceil(bodyLength / BLOCK_SIZE) * 4;
    const slotsBase = (header.nodes + header.entries) * 16;
    return { bodyStart, slotsBase, poolBase: slotsBase + header.slots * 4, header };
  }

  it('a damaged block met while probing: the rebuilt bytes from a file, an error in memory, never another answer', () => {
    // a large map: its entries, slots and keys over many blocks
    const map = new Map<string, string>();
    for (let i = 0; i < 4000; i++) map.set(`${PIECES[i % PIECES.length]}${i}`, `v${i}`);
    const bytes = encodeGraph({ map }, 'k', []);
    const { bodyStart, slotsBase, poolBase } = layout(bytes);
    assert.ok(poolBase - slotsBase > 4 * BLOCK_SIZE, 'the table spans blocks');
    const asked = [...map.keys()].flatMap(variants);
    fc.assert(
      fc.property(fc.integer({ min: slotsBase, max: poolBase - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = Buffer.from(bytes);
        damaged[bodyStart + at] ^= flip;
        const file = join(dir, `d${fileNo++}.bin`);
        writeFileSync(file, damaged);
        let rebuilt = 0;
        const back = openGraphFile(file, 'k', [], {}, () => (rebuilt++, bytes)) as { map: Map<string, string> };
        sameAnswers(map, back.map, asked);
        assert.equal(rebuilt, 1, 'the damaged block was read from the rebuilt bytes');
        const inMemory = decodeGraph(damaged, 'k', []) as { map: Map<string, string> };
        assert.throws(() => {
          for (const key of asked) assert.equal(inMemory.map.get(key), map.get(key));
        }, SnapshotError);
      }),
      { numRuns: 25 },
    );
  });
});
