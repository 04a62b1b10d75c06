// Input hygiene shared by every format: entities and literal escapes decoded before splitting,
// placeholders dropped with a warning. Invented strings only.
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanAuthors, decodeText, isPlaceholder } from '../../src/sources/hygiene.js';
import { parsePaperCopilot } from '../../src/sources/papercopilot.js';
import { readSource } from '../../src/sources/index.js';
import type { SourceWarning } from '../../src/sources/common.js';

test('HTML entities, named and numeric, also encoded two or more times over', () => {
  assert.equal(decodeText('Qu&#x27;ar Institute &amp; Sons'), "Qu'ar Institute & Sons");
  assert.equal(decodeText('L&#39;Ecole &quot;Zed&quot; &eacute;t&eacute;'), 'L\'Ecole "Zed" été');
  assert.equal(decodeText('Dal&amp;#x27;Orto Lab'), "Dal'Orto Lab");
  assert.equal(decodeText('Dal&amp;amp;#x27;Orto Lab'), "Dal'Orto Lab");
  assert.equal(decodeText('Dal&amp;amp;amp;amp;#x27;Orto &amp;amp; Zed'), "Dal'Orto & Zed");
  // no ';': not an entity, the text is kept as written
  assert.equal(decodeText('AT&T Labs, R&D'), 'AT&T Labs, R&D');
  assert.equal(decodeText('x?a=1&lt=2'), 'x?a=1&lt=2');
});

test('literal \\xNN and \\uNNNN escapes, Latin-1 or UTF-8 bytes', () => {
  assert.equal(decodeText('Universit\\xe4t Gr\\xfcnwald'), 'Universität Grünwald');
  assert.equal(decodeText('\\xc9cole Zorbe'), 'École Zorbe');
  assert.equal(decodeText('Caf\\xc3\\xa9 Institute'), 'Café Institute');
  assert.equal(decodeText('Qu\\u2019ar \\u00c5bo \\u{1F600}'), 'Qu\u2019ar Åbo \u{1F600}');
  assert.equal(decodeText('C:\\\\path \\x'), 'C:\\\\path \\x');
});

test('placeholders', () => {
  for (const p of ['None', 'null', 'N/A', 'n/a', '-', 'Unknown', 'TBD', '', '  none ', '???', '- -', '...']) assert.equal(isPlaceholder(p), true, p);
  for (const p of ['Nonesuch Institute', 'Unknown Fields Lab', 'NA University', 'A.I. Lab', 'X-Lab']) assert.equal(isPlaceholder(p), false, p);
});

test('cleanAuthors drops placeholders with one warning each and decodes the rest', () => {
  const warnings: SourceWarning[] = [];
  const authors = cleanAuthors(
    [
      { name: 'A', affiliations: ['None'] },
      { name: 'B', affiliations: ['Zed Institute', 'N/A', 'Universit\\xe9 Zorbe'] },
    ],
    'f.json',
    3,
    warnings,
  );
  assert.deepEqual(authors[0].affiliations, []);
  assert.deepEqual(authors[1].affiliations, ['Zed Institute', 'Université Zorbe']);
  assert.deepEqual(warnings.map((w) => [w.index, w.code]), [[3, 'placeholder-affiliation'], [3, 'placeholder-affiliation']]);
});

test("Paper Copilot: an entity's ';' does not cut a slot", () => {
  const { papers, warnings } = parsePaperCopilot(
    [{ title: 'T', author: 'A;B;C', aff: 'Qu&#x27;ar University;None;Zed Lab' }],
    'x.json',
    { venue: 'V', year: 2024 },
  );
  const [paper] = [...papers];
  assert.deepEqual(paper.authors.map((a) => a.affiliations), [["Qu'ar University"], [], ['Zed Lab']]);
  assert.equal(warnings.filter((w) => w.code === 'slot-count').length, 0);
  assert.equal(warnings.filter((w) => w.code === 'placeholder-affiliation').length, 1);
});

test('Paper Copilot: affiliation slots not one per author: matched by position, the paper marked, a warning', () => {
  const { papers, warnings } = parsePaperCopilot(
    [
      { title: 'T', author: 'A, B, C', aff: 'Zed Lab; Qux Institute; Zed Lab; Vor University; Zed Lab' },
      { title: 'U', author: 'A;B', aff: 'Zed Lab;;Qux Institute+Vor University' },
      { title: 'V', author: 'A;B;C', aff: 'Zed Lab;Qux Institute' },
    ],
    'x.json',
    { venue: 'V', year: 2024 },
  );
  const [flat, empty, short] = [...papers];
  // more slots than authors: which author holds the rest cannot be known, so they are the paper's, no
  // author's; a text an author already lists adds nothing (the last "Zed Lab"), nor does a repeat
  assert.deepEqual(flat.authors.map((a) => a.affiliations), [['Zed Lab'], ['Qux Institute'], ['Zed Lab']]);
  assert.deepEqual(flat.unattributed, ['Vor University']);
  assert.deepEqual(empty.authors.map((a) => a.affiliations), [['Zed Lab'], []]);
  assert.deepEqual(empty.unattributed, ['Qux Institute', 'Vor University']);
  assert.equal('unattributed' in short, false);
  // fewer slots than authors: by position, the rest without affiliation (as before)
  assert.deepEqual(short.authors.map((a) => a.affiliations), [['Zed Lab'], ['Qux Institute'], []]);
  // the papers whose slots were matched by position say how many there were; an aligned record does not
  assert.deepEqual([flat, empty, short].map((p) => p.affiliationSlots), [5, 3, 2]);
  const [aligned] = [...parsePaperCopilot([{ title: 'W', author: 'A;B', aff: 'Zed Lab;Qux Institute' }], 'x.json', { venue: 'V', year: 2024 }).papers];
  assert.equal('affiliationSlots' in aligned, false);
  assert.deepEqual(warnings.map((w) => [w.index, w.code]), [[0, 'slot-count'], [1, 'slot-count'], [2, 'slot-count']]);
  assert.match(warnings[0].message, /5 affiliation slots for 3 authors; matched by position; the last 2 are the paper's, not any author's/);
  assert.doesNotMatch(warnings[2].message, /the paper's/);
  // a surplus placeholder is no affiliation of the paper either, and says so; an encoded surplus text is decoded
  const odd = parsePaperCopilot([{ title: 'X', author: 'A', aff: 'Zed Lab;N/A;Qu&amp;#x27;ar Lab;Zed Lab' }], 'x.json', { venue: 'V', year: 2024 });
  assert.deepEqual([...odd.papers][0].unattributed, ["Qu'ar Lab"]);
  assert.deepEqual(odd.warnings.map((w) => w.code), ['slot-count', 'placeholder-affiliation']);
});

test('JSONL (scraped author objects): escapes decoded, None and empty missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hygiene-'));
  const path = join(dir, 'conf2024.jsonl');
  const row = { title: 'P', authors: [{ name: 'A', affiliation: 'Universit\\xe4t Zorbe' }, { name: 'B', affiliation: 'None' }, { name: 'C', affiliation: '' }] };
  writeFileSync(path, `${JSON.stringify(row)}\n`);
  const { papers, warnings } = readSource(path);
  assert.deepEqual(papers[0].authors.map((a) => a.affiliations), [['Universität Zorbe'], [], []]);
  assert.equal(warnings.filter((w) => w.code === 'placeholder-affiliation').length, 1);
});

test('isPlaceholder (a count of visible characters first) equals the plain collapse-and-look-up, whatever the spaces', () => {
  const plain = (text: string) => PLACEHOLDER_WORDS.has(text.trim().replace(/\s+/g, ' ').toLowerCase()) || /^[\s?\-–—.*_]+$/u.test(text);
  const PLACEHOLDER_WORDS = new Set(['', 'none', 'null', 'nil', 'nan', 'undefined', 'n/a', 'na', 'n.a.', 'n.a', 'not available', 'not applicable', '-', '--', '---', '?', 'unknown', 'tbd', 'tba', 'to be determined', 'to be announced', 'no affiliation', 'missing']);
  const piece = fc.constantFrom('to', 'be', 'determined', 'Not', 'applicable', 'N/A', 'x', 'Institute', '-', '?', 'é', '?????????', '—', '.', '*', '_');
  const space = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '');
  fc.assert(
    fc.property(fc.array(fc.tuple(space, piece), { maxLength: 5 }), space, (parts, end) => {
      const text = parts.map(([s, p]) => s + p).join('') + end;
      assert.equal(isPlaceholder(text), plain(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
  assert.equal(isPlaceholder(`\u00a0${'\u2003'.repeat(30)}Not\u00a0\u00a0 applicable${' '.repeat(40)}`), true);
});

test('JSONL (wide rows): affiliation lists not one per author are matched by position, with a warning and the paper marked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hygiene-'));
  const path = join(dir, 'conf2024.jsonl');
  const rows = [
    { title: 'P', authors: ['A', 'B'], affiliations: [['Zed Lab'], ['Qux Institute'], ['Vor University']] },
    { title: 'Q', authors: 'A;B', affiliations: 'Zed Lab;Qux Institute;Vor University' },
    { title: 'R', authors: ['A', 'B'], affiliations: [['Zed Lab'], ['Qux Institute']] },
  ];
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const { papers, warnings } = readSource(path);
  assert.deepEqual(papers.map((p) => p.authors.map((a) => a.affiliations)), [[['Zed Lab'], ['Qux Institute']], [['Zed Lab'], ['Qux Institute']], [['Zed Lab'], ['Qux Institute']]]);
  assert.deepEqual(papers.map((p) => p.affiliationSlots), [3, 3, undefined]);
  assert.deepEqual(papers.map((p) => p.unattributed), [['Vor University'], ['Vor University'], undefined]);
  assert.deepEqual(warnings.filter((w) => w.code === 'slot-count').map((w) => w.index), [0, 1]);
  rmSync(dir, { recursive: true, force: true });
});
