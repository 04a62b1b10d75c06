// The stored hash tables of a resolver index's Maps and Sets (snapshot.ts writes them, lazy-collections.ts
// reads them): a look-up is a hash of the key as asked and a compare or two with the key bytes in the
// file, with no string made, no per-collection memo and no decoding of all the keys of a collection that
// is asked much (the sorted keys and binary search of format 02 cost a large run about 0.25 s of CPU in
// look-ups, most of it in the searches, the memo Maps and the keys decoded at once).
//
// A collection of at most LINEAR_MAX keys has no table: its few keys are compared one by one. A larger one
// has 2^k slots (load at most two thirds), each 0 (empty) or 1 + the index of an entry, found by linear
// probing from the key's hash. The hash is over the key's UTF-16 code units, so the writer (which has
// strings) and a look-up (which has a string) compute it without any UTF-8.

/** Collections of up to this many keys are searched by comparing each key (most trie nodes have one to four). */
export const LINEAR_MAX = 8;

/** The slots of a collection of `count` keys: 0 for one searched linearly, else a power of two above 1.5 x count. */
export function slotCount(count: number): number {
  if (count <= LINEAR_MAX) return 0;
  let size = 16;
  while (size < count + (count >>> 1) + 1) size *= 2;
  return size;
}

/** FNV-1a over the UTF-16 code units, then a finaliser so that the low bits (the slot) depend on every unit. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** The slot table of these keys (in entry order): each key's 1 + index at the first free slot from its hash. */
export function buildSlots(keys: readonly string[]): Uint32Array {
  const slots = new Uint32Array(slotCount(keys.length));
  if (slots.length === 0) return slots;
  const mask = slots.length - 1;
  for (let i = 0; i < keys.length; i++) {
    let s = keyHash(keys[i]) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = i + 1;
  }
  return slots;
}
