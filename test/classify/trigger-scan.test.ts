import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTechnologies } from '../../src/classify/index.js';
import { TriggerScanner, escapeRegex } from '../../src/classify/trigger-scan.js';

/** The scan the pair filter replaced: one alternation of the folded triggers, tried at every position. */
function byAlternation(triggersOf: string[][], texts: string[]): Set<number> {
  const all = [...new Set(triggersOf.flat())].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const owners = new Map<string, number[]>();
  triggersOf.forEach((triggers, i) => {
    for (const trigger of triggers) {
      const key = all.find((other) => trigger.startsWith(other)) ?? trigger;
      const list = owners.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      owners.set(key, list);
    }
  });
  const regex = new RegExp([...owners.keys()].map(escapeRegex).join('|'), 'g');
  const found = new Set<number>();
  for (const text of texts) {
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(text)) !== null) {
      for (const i of owners.get(m[0]) ?? []) found.add(i);
      regex.lastIndex = m.index + 1;
    }
  }
  return found;
}

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
const fileTriggers = loadTechnologies().technologies.map((t) => t.triggers);
const pieces = [...new Set(fileTriggers.flat())];

test('trigger scan: the technologies file\'s triggers, texts made of them, their pieces and noise', () => {
  const scanner = new TriggerScanner(fileTriggers);
  const piece = fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...pieces).map((p) => p.slice(0, -1)), fc.constantFrom(' ', '-', '.', 'é', '\u{1F600}', 'x'), fc.string({ maxLength: 4 }));
  const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('').toLowerCase());
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
      assert.deepEqual(sorted(scanner.scan(texts)), sorted(byAlternation(fileTriggers, texts)));
    }),
    { numRuns: 2000 },
  );
});

test('trigger scan: invented triggers that extend one another, share first letters or are one letter long', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', ' ', '\u00e9', '\u0101'), minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(word, { maxLength: 12 }), (triggersOf, parts) => {
      const texts = [parts.join(''), parts.join(' ')];
      assert.deepEqual(sorted(new TriggerScanner(triggersOf).scan(texts)), sorted(byAlternation(triggersOf, texts)));
    }),
    { numRuns: 600 },
  );
});

test('trigger scan: a trigger at the very start and the very end of a text, and a text too short for any', () => {
  const scanner = new TriggerScanner([['bert'], ['gpt'], ['t5', 't5-xl']]);
  assert.deepEqual(sorted(scanner.scan(['bert and gpt'])), [0, 1]);
  assert.deepEqual(sorted(scanner.scan(['t5-xl'])), [2]);
  assert.deepEqual(sorted(scanner.scan(['t', '', 'gp'])), []);
  // 'é' (0xe9) and 'i' (0x69) share the filter's slot: the key is still checked in place
  assert.deepEqual(sorted(new TriggerScanner([['il']]).scan(['él'])), []);
});
