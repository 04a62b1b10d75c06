import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { PapersJsonlWriter, rewriteInPlace, type LinePlace } from '../src/papers-jsonl.js';
import { aff, author, paper } from './analyze/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'collabscope-papers-jsonl-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

describe('rewriteInPlace', () => {
  it('gives the file the lines with the changed ones replaced, whatever their lengths and the chunk size', () => {
    const file = join(dir, 'lines.jsonl');
    fc.assert(
      fc.property(
        // any Unicode (multi-byte UTF-8), and new lines that are empty (no bytes at all) or much longer
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.string({ unit: 'grapheme', maxLength: 200 }))), { maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (texts, edits, chunkBytes) => {
          const lines = texts.map((t) => `${JSON.stringify(t)}\n`);
          const replaced = new Map(edits.map(([k, text]) => [k % lines.length, text === null ? '' : `${JSON.stringify(text)}\n`]));
          const places: LinePlace[] = [];
          let offset = 0;
          for (const line of lines) {
            const length = Buffer.byteLength(line);
            places.push({ offset, length });
            offset += length;
          }
          writeFileSync(file, lines.join(''));
          const changes = [...replaced].map(([k, line]) => ({ place: places[k], bytes: Buffer.from(line) }));
          // in any order: rewriteInPlace takes them sorted by place
          changes.sort((x, y) => x.place.offset - y.place.offset);
          const fd = openSync(file, 'r+');
          let length: number;
          try {
            length = rewriteInPlace(fd, offset, changes, chunkBytes);
          } finally {
            closeSync(fd);
          }
          const expected = lines.map((line, k) => replaced.get(k) ?? line).join('');
          const text = readFileSync(file, 'utf8');
          assert.equal(text, expected);
          assert.equal(length, Buffer.byteLength(expected));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses places that overlap or run past the end', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, 'abc\ndef\n');
    const fd = openSync(file, 'r+');
    try {
      assert.throws(() => rewriteInPlace(fd, 8, [{ place: { offset: 0, length: 4 }, bytes: Buffer.from('x\n') }, { place: { offset: 2, length: 4 }, bytes: Buffer.from('y\n') }]), /overlaps/);
      assert.throws(() => rewriteInPlace(fd, 8, [{ place: { offset: 4, length: 8 }, bytes: Buffer.from('y\n') }]), /past the end/);
      assert.throws(() => rewriteInPlace(fd, 8, [{ place: { offset: 0, length: 4 }, bytes: Buffer.from('x\n') }], 0), /chunkBytes/);
    } finally {
      closeSync(fd);
    }
    assert.equal(readFileSync(file, 'utf8'), 'abc\ndef\n');
  });
});

describe('PapersJsonlWriter.replace', () => {
  it('leaves each line the JSON.stringify of its paper as it is now, for lines that grow and lines that shrink', () => {
    const papers = Array.from({ length: 40 }, (_, i) => paper({ year: 2020 + (i % 3) }, [author(`Person ${i}`, aff('Invented Institute', 'US'))]));
    const file = join(dir, 'papers.jsonl');
    const writer = new PapersJsonlWriter(file);
    const places = papers.map((p) => writer.write(p, true));
    writer.close();
    const changed = [3, 4, 17, 39, 0];
    for (const [n, k] of changed.entries()) papers[k].title = n % 2 ? '' : `a much longer title than before, é ${'x'.repeat(k * 10)}`;
    writer.replace(changed.map((k) => ({ place: places[k], paper: papers[k] })));
    assert.equal(readFileSync(file, 'utf8'), papers.map((p) => `${JSON.stringify(p)}\n`).join(''));
  });
});
