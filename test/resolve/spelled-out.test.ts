// An unresolved acronym spelled out by another text of the same paper (src/resolve/spelled-out.ts, used by
// the corpus-context pass). Invented names throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { acronymLetters, initialsOf, spelledOutOnPaper } from '../../src/resolve/spelled-out.js';
import { resolveCorpusContext } from '../../src/resolve/corpus-context.js';
import type { Affiliation, Author, Paper } from '../../src/types.js';

const known = (raw: string, id: string, country: string, institution = `Institution ${id}`, method: Affiliation['method'] = 'alias'): Affiliation => ({
  raw, institution, institutionId: id, country, hqCountry: null, sector: 'education', confidence: 0.95, method, evidence: [],
});
const unknown = (raw: string): Affiliation => ({
  raw, institution: raw, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason: `unknown institution '${raw}'`,
});
const author = (name: string, ...affiliations: Affiliation[]): Author => ({ name, affiliations });
const paper = (id: string, authors: Author[], unattributed?: Affiliation[]): Paper => ({
  id, source: { file: 'f', index: 0 }, venue: 'V', year: 2024, title: 't', track: null, status: null, topic: null, keywords: [], url: null,
  authors, countries: [], fields: [], fieldEvidence: [], technologies: [], ...(unattributed ? { unattributed } : {}),
});

test('an acronym is one word in capitals of two to eight letters, dots and dashes dropped', () => {
  assert.equal(acronymLetters(' Z.Q.L. '), 'ZQL');
  assert.equal(acronymLetters('ZW'), 'ZW');
  assert.equal(acronymLetters('ZQ-LW'), 'ZQLW');
  for (const no of ['Z', 'ZQLWXVBNM', 'Zql', 'ZQL Lab', 'ZQ2', '', 'zql']) assert.equal(acronymLetters(no), null, no);
});

test('a long form is abbreviated by the initials of all its words or of all but the linking words', () => {
  assert.deepEqual(initialsOf('Zorbe Institute of Quantum Lore'), ['ZIOQL', 'ZIQL']);
  assert.deepEqual(initialsOf('Istituto Zorbiano di Tecnologia'), ['IZDT', 'IZT']);
  assert.deepEqual(initialsOf('Zorbe-Kelvar Works'), ['ZKW']);
  assert.deepEqual(initialsOf('Zorbe'), []);
});

test('an acronym a co-author spells out on the same paper is read as that institution', () => {
  const p = paper('P1', [
    author('A', unknown('ZIQL')),
    author('B', known('Zorbe Institute of Quantum Lore, Zorbe Academy of Sciences', 'zz-ziql', 'CN', 'Zorbe Institute of Quantum Lore')),
  ]);
  const report = resolveCorpusContext([p]);
  assert.equal(report.placed, 1);
  const a = p.authors[0].affiliations[0];
  assert.equal(a.method, 'corpus-context');
  assert.equal(a.institutionId, 'zz-ziql');
  assert.equal(a.country, 'CN');
  assert.equal(a.reason, undefined);
  assert.match(a.evidence.at(-1) as string, /'ZIQL' is spelled out as 'Zorbe Institute of Quantum Lore' by another text of the same paper in 'Zorbe Institute of Quantum Lore, Zorbe Academy of Sciences'/);
  // the institution's own name spells it too ("ZW" beside "Zorbe Works, Kelvar" resolved to Zorbe Works)
  const byName = paper('P2', [author('A', unknown('ZW')), author('B', known('Zorbe Works Kelvar Site', 'zz-zw', 'IT', 'Zorbe Works'))]);
  assert.equal(resolveCorpusContext([byName]).placed, 1);
  // a slot no author holds reads its paper alike
  const slot = paper('P3', [author('B', known('Zorbe Works', 'zz-zw', 'IT', 'Zorbe Works'))], [unknown('ZW')]);
  assert.equal(resolveCorpusContext([slot]).placed, 1);
  assert.equal(slot.unattributed?.[0].institutionId, 'zz-zw');
});

test('an acronym spelled out as two institutions, only on other papers, or by no named institution is not read', () => {
  const two = paper('P1', [
    author('A', unknown('UZ')),
    author('B', known('University of Zorbe', 'zz-uz', 'CN', 'University of Zorbe')),
    author('C', known('University of Zelvar', 'zz-uzl', 'US', 'University of Zelvar')),
  ]);
  assert.equal(resolveCorpusContext([two]).placed, 0);
  const elsewhere = [paper('P1', [author('A', unknown('UZ'))]), paper('P2', [author('B', known('University of Zorbe', 'zz-uz', 'CN', 'University of Zorbe'))])];
  assert.equal(resolveCorpusContext(elsewhere).placed, 0);
  // a place-only answer (no institution id) spells nothing out
  const placeOnly: Affiliation = { ...unknown('University of Zorbe'), institution: 'University of Zorbe', country: 'CN', method: 'place', confidence: 0.55 };
  assert.equal(spelledOutOnPaper(unknown('UZ'), paper('P3', [author('A', unknown('UZ')), author('B', placeOnly)])), null);
  // a long form no known institution has may be what the acronym stands for: nothing is read
  const unknownBeside = paper('P5', [author('A', unknown('UZ')), author('B', known('University of Zorbe', 'zz-uz', 'CN')), author('C', unknown('University of Zelvar'))]);
  assert.equal(spelledOutOnPaper(unknownBeside.authors[0].affiliations[0], unknownBeside), null);
  // the same institution spelled twice is one reading
  const twice = paper('P4', [author('A', unknown('UZ')), author('B', known('University of Zorbe', 'zz-uz', 'CN')), author('C', known('Dept. X, University of Zorbe', 'zz-uz', 'CN'))]);
  assert.equal(spelledOutOnPaper(twice.authors[0].affiliations[0], twice)?.example.institutionId, 'zz-uz');
});

test('a reading is only ever an institution whose long form has the acronym as its initials', () => {
  const word = fc.stringMatching(/^[A-Z][a-z]{1,6}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 2, maxLength: 5 }), fc.stringMatching(/^[A-Z]{2,5}$/), fc.boolean(), (words, other, spelt) => {
      const longForm = words.join(' ');
      // half the time the acronym is the words' initials, else random letters
      const acronym = spelt ? words.map((w) => w[0]).join('') : other;
      const p = paper('P', [author('A', unknown(acronym)), author('B', known(longForm, 'zz-x', 'CN', longForm))]);
      const found = spelledOutOnPaper(p.authors[0].affiliations[0], p);
      const spells = initialsOf(longForm).includes(acronym);
      assert.equal(found !== null, spells);
    }),
  );
});
