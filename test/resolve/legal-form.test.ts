// src/resolve/legal-form.ts on invented company names: a legal form of one jurisdiction places an
// otherwise unresolved company there; a form several jurisdictions use marks a company without a country;
// a legal form alone is nothing; an answer the resolver already gave is never changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { caseBlind, legalForms, legalFormsBySearch, legalFormsIn, legalFormCountry, placeByLegalForm, LEGAL_FORM_CONFIDENCE } from '../../src/resolve/legal-form.js';
import type { Affiliation } from '../../src/types.js';
import { unresolvedAffiliation } from '../../src/resolve/from-context.js';
import { createResolver } from '../../src/resolve/index.js';

// the resolver's own unresolved answer, with the unknown name it found
const unresolved = (raw: string, institution: string | null = raw): Affiliation => ({
  ...unresolvedAffiliation(raw, `unknown institution '${institution}' and no place or e-mail domain gives its country`),
  institution,
});

const countryOf = (text: string) => legalFormCountry(legalFormsIn(text));

test('the table validates and every spelling is listed once', () => {
  const forms = legalForms();
  assert.ok(forms.length > 50);
  const spellings = forms.flatMap((f) => f.spellings.map((s) => s.toLowerCase()));
  assert.deepEqual(spellings.filter((s, i) => spellings.indexOf(s) !== i), []);
});

test('a form of exactly one jurisdiction gives its country', () => {
  assert.equal(countryOf('Zorbexa Sp. z o.o.'), 'PL');
  assert.equal(countryOf('Quorvant Analytics Sp. z o.o., Kelvar'), 'PL');
  assert.equal(countryOf('Brindlemoor K.K.'), 'JP');
  assert.equal(countryOf('Vantrelli Labs Kft.'), 'HU');
  assert.equal(countryOf('Ostrava Zorb ApS'), 'DK');
  assert.equal(countryOf('Glimmervale Pte. Ltd.'), 'SG');
  assert.equal(countryOf('Glimmervale Pte Ltd'), 'SG');
  assert.equal(countryOf('Quillmere Yazılım A.Ş.'), 'TR');
  assert.equal(countryOf('Marrowick S.A.P.I. de C.V.'), 'MX');
  assert.equal(countryOf('Zorbex UG (haftungsbeschränkt)'), 'DE');
  assert.equal(countryOf('Zorbex Forschung e.V.'), 'DE');
  assert.equal(countryOf('Zorbex Oy'), 'FI');
  assert.equal(countryOf('Zorbex AB (publ)'), 'SE');
});

test('a form several jurisdictions use gives no country', () => {
  for (const text of ['Zorbex GmbH', 'Zorbex Inc.', 'Zorbex, Inc.', 'Zorbex LLC', 'Zorbex Technology Co., Ltd.', 'Zorbex AG', 'Zorbex SE', 'Zorbex S.A.', 'Zorbex B.V.', 'Zorbex AB', 'Zorbex (Pty) Ltd', 'Zorbex A/S', 'Tessarine Robotics Pty Ltd', 'Marrowick S.A. de C.V.', 'Zorbex Systems FZE', 'Zorbex Sdn. Bhd.', 'Zorbex S.r.l.']) {
    assert.ok(legalFormsIn(text).length > 0, `${text}: a legal form`);
    assert.equal(countryOf(text), null, text);
  }
  // the longest spelling wins: "Co., Ltd." (shared) is one form, not "Ltd."; "(Pty) Ltd" is not Australia's "Pty Ltd"
  assert.deepEqual(legalFormsIn('Zorbex Technology Co., Ltd.').map((h) => h.written), ['Co., Ltd.']);
  assert.deepEqual(legalFormsIn('Zorbex (Pty) Ltd').map((h) => h.form.countries), [['ZA', 'NA', 'BW']]);
  // forms of two different countries in one text decide nothing
  assert.equal(countryOf('Zorbex Oy; Zorbex Kft.'), null);
});

test('a legal form alone, inside a word, at the start of a name or not ending its name is no legal form', () => {
  assert.deepEqual(legalFormsIn('Sp. z o.o.'), []);
  assert.deepEqual(legalFormsIn('Inc.'), []);
  assert.deepEqual(legalFormsIn('Oy'), []);
  assert.deepEqual(legalFormsIn('Kftronics Institute'), []);
  assert.deepEqual(legalFormsIn('Oy Zorbex Laboratory'), []);
  assert.deepEqual(legalFormsIn('Zorbex Oy Research Center'), []);
  // dotted single letters keep their dots; capitals-only forms are matched in capitals only
  assert.deepEqual(legalFormsIn('Zorbex KK'), []);
  assert.deepEqual(legalFormsIn('Zorbex EV'), []);
  assert.deepEqual(legalFormsIn('Zorbex as'), []);
  assert.deepEqual(legalFormsIn('Zorbex AS').map((h) => h.form.countries), [['NO', 'EE', 'LV']]);
});

test('placeByLegalForm places an otherwise unresolved company of a one-country form, with evidence naming form and spec', () => {
  const placed = placeByLegalForm(unresolved('Zorbexa Sp. z o.o.', 'Zorbexa Sp. z o.o'));
  assert.equal(placed.country, 'PL');
  assert.equal(placed.method, 'legal-form');
  assert.equal(placed.confidence, LEGAL_FORM_CONFIDENCE);
  assert.equal(placed.sector, 'company');
  assert.equal(placed.reason, undefined);
  assert.match(placed.evidence.at(-1) ?? '', /'Sp\. z o\.o\.' \(Spółka z ograniczoną odpowiedzialnością: PL\).*ISO 20275/);
});

test('placeByLegalForm: a shared form marks a company and leaves it unresolved; a form alone or a resolved answer is unchanged', () => {
  const shared = placeByLegalForm(unresolved('Zorbex GmbH'));
  assert.equal(shared.country, null);
  assert.equal(shared.method, 'unresolved');
  assert.equal(shared.sector, 'company');
  assert.match(shared.evidence.at(-1) ?? '', /does not decide one country/);
  // a legal suffix alone names no institution: nothing to place
  const alone = unresolved('GmbH', null);
  assert.equal(placeByLegalForm(alone), alone);
  // a known company keeps its knowledge-base country, whatever its form says
  const known: Affiliation = { ...unresolved('Zorbex Sp. z o.o.'), institutionId: 'us-zorbex', country: 'US', sector: 'company', method: 'alias', confidence: 0.95, reason: undefined };
  assert.equal(placeByLegalForm(known), known);
  // no legal form: unchanged
  const plain = unresolved('Zorbex Works');
  assert.equal(placeByLegalForm(plain), plain);
});

test('through the resolver: an unknown company is placed by a one-country form; a known company keeps its knowledge-base country', async () => {
  const resolver = createResolver();
  const [placed] = resolver.resolve('Zorbexa Analytics Sp. z o.o.');
  assert.equal(placed.country, 'PL');
  assert.equal(placed.method, 'legal-form');
  // a shared form leaves it unresolved, and a suffix alone stays no institution
  assert.equal(resolver.resolve('Zorbexa Analytics GmbH & Co. KG')[0].method !== 'legal-form', true);
  assert.equal(resolver.resolve('Sp. z o.o.')[0].country, null);
  // a place in the text comes first
  assert.equal(resolver.resolve('Zorbexa Analytics Sp. z o.o., Berlin, Germany')[0].country, 'DE');
  // the knowledge base's company (world-orgs.json: Tower Research Capital, US) is not moved by a Polish form
  const known = resolver.resolve('Tower Research Capital Sp. z o.o.');
  assert.deepEqual(known.map((a) => [a.country, a.institutionId]), [['US', 'us-tower-research-capital']]);
});

test('initials and all-capital short forms that are also acronyms count only right after the name, never after an institution\'s', () => {
  assert.equal(countryOf('Zorbex Analytics SIA'), 'LV');
  assert.equal(countryOf('Zorbex Systems K.K.'), 'JP');
  for (const text of ['Zorbian Institute of Automation, SIA', 'Zorbex Labs, K.K.', 'Zorbex Research Lab, G.K.', 'Institute of Zorbian Studies, Y.K.', 'Zorbian University, SA', 'Zorbian College, SE', 'Zorbex Labs, AS', 'Zorbian Institute SA', 'Zorbex Robotics Lab AB']) {
    assert.deepEqual(legalFormsIn(text), [], text);
  }
  // the spelled-out and dotted forms may still follow a comma
  assert.equal(countryOf('Zorbex, Sp. z o.o.'), 'PL');
  assert.ok(legalFormsIn('Zorbex Systems, S.A.').length > 0);
});

test('non-profit forms mark a non-profit body, not a company; the sector is set only without an institution word and where none is set', () => {
  const ev = placeByLegalForm(unresolved('Zorbian Society for Learning Systems e.V.'));
  assert.equal(ev.country, 'DE');
  assert.equal(ev.sector, 'nonprofit');
  assert.equal(placeByLegalForm(unresolved('Zorbian Welfare Association VZW')).sector, 'nonprofit');
  assert.equal(placeByLegalForm(unresolved('Zorbian Heritage Foundation CLG')).sector, 'nonprofit');
  assert.equal(placeByLegalForm(unresolved('Zorbian Heritage Stiftung')).sector, 'nonprofit');
  assert.equal(placeByLegalForm(unresolved('Zorbian Learning gGmbH')).sector, 'nonprofit');
  // an institute, university or hospital word: placed by a one-country form, sector left open
  const institute = placeByLegalForm(unresolved('Zorbian Research Institute e.V.'));
  assert.equal(institute.country, 'DE');
  assert.equal(institute.sector, null);
  assert.equal(placeByLegalForm(unresolved('Zorbian University Hospital, S.A.')).sector, null);
  // a sector the resolver gave is kept
  const given: Affiliation = { ...unresolved('Zorbex Heritage GmbH'), sector: 'government' };
  assert.equal(placeByLegalForm(given).sector, 'government');
  // a company form beside a non-profit one: a company
  assert.equal(placeByLegalForm(unresolved('Zorbex GmbH; Zorbex Stiftung')).sector, 'company');
});

test('a bracketed form ("(Pty) Ltd") ends its name: the text before it is the company', () => {
  const pty = placeByLegalForm(unresolved('Zorbex Solutions (Pty) Ltd', null));
  assert.equal(pty.institution, 'Zorbex Solutions (Pty) Ltd');
  assert.equal(pty.sector, 'company');
  assert.equal(pty.country, null);
  const [resolved] = createResolver().resolve('Zorbex Solutions (Pty) Ltd');
  assert.equal(resolved.sector, 'company');
});

test('every spelling of the table is found right after a name (the one combined pattern that screens texts first lets each through)', () => {
  for (const form of legalForms()) {
    for (const spelling of form.spellings) {
      const text = `Zorbex Holdings ${spelling}`;
      const hits = legalFormsIn(text);
      assert.ok(hits.length > 0, `${text}: a legal form`);
      assert.equal(hits[hits.length - 1].end, text.length, `${text}: the form ends the text`);
    }
  }
  // and a text without any form is screened out with nothing found
  assert.deepEqual(legalFormsIn('Zorbex Holdings Research Laboratory, Kelvar'), []);
});

// legalFormsIn tries each spelling only where one pattern of all of them matches, and writes case-blind
// letters as classes instead of the `i` flag (quick to compile): the same hits as searching the whole text
// with each spelling's case-blind pattern (legalFormsBySearch), on texts made of the table's own spellings,
// their pieces in other cases, and characters whose case folding is unusual.
test('legal forms found at the places one pattern of all spellings matches are the same as a search with each', () => {
  const spellings = legalForms().flatMap((f) => f.spellings);
  const odd = ['\u0345', '\u212a', '\u017f', '\u212b', 'İ', 'ı', 'ß', 'ẞ', '\u00a0', '😀', 'é', 'É', '.', ',', ' ', '(', ')', ';', '-', '&', '/', 'x', '1'];
  const piece = fc.oneof(
    fc.constantFrom(...spellings),
    fc.constantFrom(...spellings).map((s) => s.toLowerCase()),
    fc.constantFrom(...spellings).map((s) => s.toUpperCase()),
    fc.constantFrom(...spellings).chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
    fc.constantFrom(...odd),
    fc.constantFrom('Zorbex', 'Quorvant Analytics', 'Institute', 'Labs'),
  );
  const text = fc.array(piece, { maxLength: 8 }).chain((parts) => fc.array(fc.constantFrom(' ', '', ', ', '.', ' ('), { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((p, i) => gaps[i] + p).join('')));
  fc.assert(
    fc.property(text, (t) => {
      assert.deepEqual(legalFormsIn(t), legalFormsBySearch(t));
    }),
    { numRuns: 3000 },
  );
  for (const t of ['Zorbex Sp. z o.o.', 'Zorbex \u0345AG', 'Zorbex \u212aft.', 'Zorbex Oy\u0345', 'Zorbex GmbH😀', 'Zorbex 😀GmbH', 'ZORBEX SPÓŁKA AKCYJNA']) {
    assert.deepEqual(legalFormsIn(t), legalFormsBySearch(t), t);
  }
});

test('a case-blind letter written as a class matches what the i flag matches, on every code point', () => {
  const letters = [...new Set(legalForms().flatMap((f) => f.spellings.flatMap((s) => [...s].filter((c) => /\p{L}/u.test(c)))))];
  const anyLetter = new RegExp(`[${letters.join('')}]`, 'iu');
  const classes = new Map(letters.map((c) => [c, new RegExp(`^${caseBlind(c)}$`, 'u')]));
  const blind = new Map(letters.map((c) => [c, new RegExp(`^${c}$`, 'iu')]));
  // a bound: not a letter or digit in any case is not one of them and not U+0345
  const bound = /[\p{L}\p{N}]/iu;
  const written = /[\p{L}\p{N}\u0345]/u;
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const x = String.fromCodePoint(code);
    assert.equal(written.test(x), bound.test(x), `bound at U+${code.toString(16)}`);
    if (!anyLetter.test(x)) continue;
    for (const c of letters) assert.equal(classes.get(c)!.test(x), blind.get(c)!.test(x), `${c} against U+${code.toString(16)}`);
  }
});
