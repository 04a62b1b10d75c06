// readLines reads in chunks (32 KB by default, below V8's large-object size): whatever the chunk size,
// the lines are those of the whole text, with characters of several bytes split across chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { LINE_CHUNK_BYTES, readLines } from '../../src/sources/lines.js';

const dir = mkdtempSync(join(tmpdir(), 'collabscope-lines-'));

test('readLines gives the lines of the whole text for any chunk size', () => {
  const line = fc.array(fc.constantFrom('a', 'b', ' ', 'é', '中', '🙂', '{', '"'), { maxLength: 20 }).map((chars) => chars.join(''));
  let n = 0;
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), (lines, chunk, finalNewline) => {
      const file = join(dir, `f${n++}.jsonl`);
      const text = lines.join('\n') + (finalNewline && lines.length ? '\n' : '');
      writeFileSync(file, text);
      // the lines between newlines; a newline at the very end ends the last line, it starts no empty one
      const expected = text.split('\n');
      if (expected[expected.length - 1] === '') expected.pop();
      assert.deepEqual([...readLines(file, chunk)], expected);
      assert.deepEqual([...readLines(file)], expected);
    }),
    { numRuns: 300 },
  );
});

test('readLines: lines longer than a chunk, at the default chunk size', () => {
  const long = 'x'.repeat(LINE_CHUNK_BYTES * 2 + 5);
  const file = join(dir, 'long.jsonl');
  writeFileSync(file, `${long}\nshort\n${long}é`);
  assert.deepEqual([...readLines(file)], [long, 'short', `${long}é`]);
});
