// TermIndex.matchText skips words that cannot start a term (start-filter.ts) as a speed change only:
// it must find exactly what the plain algorithm finds (every word normalised and looked up, greedy
// longest match), terms, counts and their order, on any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TermIndex, type Term } from '../../src/classify/terms.js';
import { buildTermIndex } from '../../src/classify/fields.js';
import { loadTaxonomy } from '../../src/classify/index.js';
import { normalizeToken, tokenize } from '../../src/classify/text.js';
import { StartFilter, WordBuffer } from '../../src/classify/start-filter.js';

/** The plain algorithm: every word's token, the terms starting with it by exact word or by prefix; ties go to the first. */
function referenceMatch(phrases: Map<string, Term>, text: string): Array<[string, number]> {
  const tokens = tokenize(text);
  // exact first words first, then prefixes shortest first, each in the order the phrases were added
  const rank = (term: Term) => (term.words[0].prefix ? term.words[0].text.length : 0);
  const starting = (token: string) =>
    [...phrases.values()]
      .filter((term) => {
        const first = term.words[0];
        return first.prefix ? first.text !== '' && token.startsWith(first.text) : token === first.text;
      })
      .sort((x, y) => rank(x) - rank(y));
  const found = new Map<string, number>();
  let i = 0;
  while (i < tokens.length) {
    let best: Term | null = null;
    for (const term of starting(tokens[i])) {
      const fits =
        i + term.words.length <= tokens.length &&
        term.words.every((word, k) => (word.prefix ? tokens[i + k].startsWith(word.text) : tokens[i + k] === word.text));
      if (fits && (!best || term.words.length > best.words.length)) best = term;
    }
    if (best) {
      found.set(best.phrase, (found.get(best.phrase) ?? 0) + 1);
      i += best.words.length;
    } else i += 1;
  }
  return [...found];
}

const phrasesOf = (index: TermIndex) => (index as unknown as { byPhrase: Map<string, Term> }).byPhrase;
const matched = (index: TermIndex, text: string) => [...index.matchText(text)].map(([term, n]) => [term.phrase, n] as [string, number]);

// Invented phrases covering every spelling rule: plurals in -s, -es, -ies, prefixes (one ending in y),
// multi-word terms sharing a first word (two of equal length matching the same words: the first added
// wins; matchText tries candidates longest first), short words, digits.
const PHRASES = ['widget', 'box', 'policy', 'policy gradient', 'graph neural net*', 'segment*', 'quer*', 'polic*', 'energy*', 'gas', 'a1 b2', 'crux', 'bus', 'axis', 'lab*', 'ra', 'policy grad*', 'graph neural network', 'label gas'];
const index = new TermIndex();
PHRASES.forEach((phrase, i) => index.add(phrase, i % 3 ? { field: `f${i % 4}`, weight: 1 } : null));

const WORDS = ['widget', 'widgets', 'box', 'boxes', 'policy', 'policies', 'Policies', 'gradient', 'gradients', 'graph', 'neural', 'network', 'networks', 'segmentation', 'segments', 'query', 'queries', 'energies', 'energy', 'gas', 'gases', 'A1', 'b2', 'crux', 'cruxes', 'bus', 'buses', 'axis', 'axes', 'labs', 'label', 'ra', 'ras', 'rays', 'é', 'Énergie', 'the', '-', ',', '(', ')', 'x'];
const text = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 30 }).chain((words) =>
  fc.array(fc.constantFrom(' ', '-', ', ', '/', ''), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => w + gaps[i]).join('')),
);

test('matchText finds what the plain algorithm finds, on any text (invented phrases)', () => {
  fc.assert(
    fc.property(text, (t) => assert.deepEqual(matched(index, t), referenceMatch(phrasesOf(index), t))),
    { numRuns: 2000 },
  );
});

test('matchText finds what the plain algorithm finds with the real taxonomy', () => {
  const real = buildTermIndex(loadTaxonomy());
  const phrases = phrasesOf(real);
  const termWords = [...phrases.keys()].flatMap((p) => p.split(/[^a-z0-9]+/).filter(Boolean));
  const plural = (w: string) => (w.endsWith('y') ? `${w.slice(0, -1)}ies` : /(?:x|ch|sh|ss)$/.test(w) ? `${w}es` : `${w}s`);
  const realText = fc
    .array(fc.oneof(fc.constantFrom(...termWords), fc.constantFrom(...termWords).map(plural), fc.constantFrom('the', 'of', 'we', ',', '.')), { maxLength: 40 })
    .map((w) => w.join(' '));
  fc.assert(
    fc.property(realText, (t) => assert.deepEqual(matched(real, t), referenceMatch(phrases, t))),
    { numRuns: 300 },
  );
});

test('matchText: hand-checked matches (longest first, plural spellings, prefixes)', () => {
  assert.deepEqual(matched(index, 'Policies and policy gradients; two boxes, graph neural networks, segments of queries.'), [
    ['policy', 1],
    ['policy gradient', 1],
    ['box', 1],
    ['graph neural net*', 1],
    ['segment*', 1],
    ['quer*', 1],
  ]);
  assert.deepEqual(matched(index, 'energies energy bus buses axis ra rays'), [
    ['energy*', 2],
    ['bus', 1],
    ['axis', 1],
    ['ra', 1],
  ]);
  assert.deepEqual(matched(index, ''), []);
});

test('StartFilter passes every spelling whose token is a first word, and rejects others', () => {
  const filter = new StartFilter();
  filter.addWord('policy');
  filter.addWord(normalizeToken('boxes'));
  filter.addPrefix('energy');
  const may = (word: string) => filter.mayStart(word, 0, word.length);
  for (const word of ['policy', 'policies', 'policys', 'box', 'boxes', 'energy', 'energyx', 'energies', 'energiesx']) assert.ok(may(word), word);
  for (const word of ['polic', 'bo', 'boxer', 'energ', 'energie', 'widget', '']) assert.ok(!may(word), word);
});

test('StartFilter.startNode passes the words mayStart passes, and gives one node to each whole word', () => {
  const filter = new StartFilter();
  for (const word of ['policy', 'box', 'learn', 'lea', 'graph']) filter.addWord(word);
  for (const prefix of ['energy', 'segment', 'gr', 'l']) filter.addPrefix(prefix);
  const word = fc.stringMatching(/^[a-z0-9]{0,10}$/).chain((tail) => fc.constantFrom('', 'policy', 'polici', 'box', 'lea', 'learn', 'energ', 'energi', 'segment', 'gra', 'l').map((head) => head + tail));
  const nodes = new Map<number, string>();
  fc.assert(
    fc.property(word, (w) => {
      const node = filter.startNode(` ${w} `, 1, 1 + w.length);
      assert.equal(node >= 0, filter.mayStart(w, 0, w.length), w);
      if (node > 0) {
        const other = nodes.get(node);
        if (other !== undefined) assert.equal(other, w);
        nodes.set(node, w);
      }
    }),
    { numRuns: 2000 },
  );
});

test('StartFilter.scan finds the words (runs of [a-z0-9]) of any text, each with the node startNode gives it', () => {
  const filter = new StartFilter();
  for (const word of ['policy', 'box', 'learn', 'lea', 'graph', 'a1']) filter.addWord(word);
  for (const prefix of ['energy', 'segment', 'gr', 'l']) filter.addPrefix(prefix);
  const piece = fc.oneof(fc.constantFrom('policy', 'policies', 'boxes', 'lea', 'learn', 'energies', 'segmented', 'gra', 'l', 'a1', ' ', '-', '\u00e9', '\u{1F600}'), fc.string({ maxLength: 3 }));
  // one buffer for every text, as in TermIndex: long texts make it grow, short ones reuse it
  const words = new WordBuffer();
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 300 }), (parts) => {
      const text = parts.join('');
      const expected = [...text.matchAll(/[a-z0-9]+/g)].map((m) => [m.index, m.index + m[0].length, filter.startNode(text, m.index, m.index + m[0].length)]);
      const count = filter.scan(text, words);
      const got = Array.from({ length: count }, (_, i) => [words.starts[i], words.ends[i], words.nodes[i]]);
      assert.deepEqual(got, expected);
    }),
    { numRuns: 1000 },
  );
});
