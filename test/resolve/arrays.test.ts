import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keepWhere, sortSmall } from '../../src/resolve/arrays.js';

describe('in-place array helpers', () => {
  it('keepWhere keeps what filter keeps, in the same array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), (items) => {
        const expected = items.filter((n) => n % 3 !== 0);
        const same = items;
        keepWhere(items, (n) => n % 3 !== 0);
        assert.equal(items, same);
        assert.deepEqual(items, expected);
      }),
    );
  });

  it('sortSmall sorts like the engine, stably', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 4 }), order: fc.nat() }), { maxLength: 30 }), (items) => {
        const expected = [...items].sort((a, b) => a.key - b.key);
        sortSmall(items, (a, b) => a.key - b.key);
        assert.deepEqual(items, expected);
      }),
    );
  });
});
