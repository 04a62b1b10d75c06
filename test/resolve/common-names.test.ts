// A known name made only of common words (src/resolve/common-words.ts) counts inside a longer
// institution phrase only as a word of that phrase (mention-rules.ts isCommonNameInLongerPhrase,
// isUnitOfNamedInstitution). Every lab, company and university below is invented; the knowledge-base
// names the rules are checked on are the review's classes (a company named by two common words, a
// unit-shaped centre, an "... of <Country>" national body), each with the distinctive names that must
// still match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCommonWord, isCommonWordsName, isDictionaryWord } from '../../src/resolve/common-words.js';
import { createResolver } from '../../src/resolve/index.js';

const resolver = createResolver();
const ids = (text: string) => resolver.resolve(text).map((a) => a.institutionId);
const countries = (text: string) => resolver.resolve(text).map((a) => a.country);

test('common words: the everyday vocabulary and the generic words, not brands or coined words', () => {
  for (const w of ['deep', 'quantum', 'robust', 'intelligence', 'applied', 'intuition', 'university', 'laboratory', 'systems']) assert.ok(isCommonWord(w), w);
  for (const w of ['samsung', 'qualcomm', 'zorbian', 'pinecone', 'kelvar']) assert.ok(!isCommonWord(w), w);
  assert.ok(isCommonWordsName('deep robotics'));
  assert.ok(!isCommonWordsName('samsung ai'));
  // a rarer dictionary word is not common, but still a dictionary word
  assert.ok(!isCommonWord('grail'));
  assert.ok(isDictionaryWord('grail'));
  assert.ok(!isDictionaryWord('zorbex'));
});

test('a two-word common name followed by a unit word in its segment is a lab of that name, not the company', () => {
  // Deep Robotics (CN), Quantum Machines (IL), Robust Intelligence (US), Applied Intuition (US), Universal Robots (DK)
  for (const text of [
    'Deep Robotics Lab, Zorbian Polytechnic',
    'Deep Robotics Group, Kelvar University',
    'Quantum Machines Group, Zorbian University',
    'Robust Intelligence Lab, Kelvar Institute of Technology',
    'Applied Intuition Laboratory, Zorbian University',
    'Universal Robots Team, Zorbian College',
    'Quantum Systems Research Centre, Kelvar University',
  ]) {
    const found = resolver.resolve(text);
    assert.ok(found.every((a) => a.sector !== 'company'), `${text}: ${found.map((a) => a.institutionId).join(',')}`);
  }
});

test('a common name after a unit word ("Center for ...", "Department of ..."), glued to a capitalised word, or hyphenated to one is part of the longer name', () => {
  assert.deepEqual(countries('Center for Quantum Systems, Zorbian Institute of Technology'), [null]);
  assert.deepEqual(countries('Institute for Quantum Systems, Kelvar University'), [null]);
  assert.deepEqual(countries('Department of Applied Intuition Studies, Zorbian University'), [null]);
  assert.deepEqual(countries('Zorbian Quantum Systems'), [null]);
  assert.deepEqual(countries('Multi-Modal Labs, Kelvar University'), [null]);
});

test('a common name followed by "of" and a capitalised word is a longer name (another country\'s national body)', () => {
  // Office for National Statistics (GB), National Institute for Environmental Studies (JP)
  assert.deepEqual(countries('Office for National Statistics of Zorbia'), [null]);
  assert.deepEqual(countries('National Institute for Environmental Studies of Kelvaria'), [null]);
});

test('a unit-shaped common name ("Centre for ... Biology") gives way to a university named beside it', () => {
  assert.deepEqual(countries('Centre for Cellular and Molecular Biology, Zorbian University'), [null]);
  assert.deepEqual(ids('Centre for Cellular and Molecular Biology, Hyderabad'), ['in-centre-for-cellular-and-molecular-biology']);
});

test('the same common names still count as their segment\'s whole name, with a legal form or a place', () => {
  assert.deepEqual(ids('Deep Robotics, Hangzhou'), ['cn-deep-robotics']);
  assert.deepEqual(ids('Quantum Systems GmbH'), ['de-quantum-systems']);
  assert.deepEqual(ids('Quantum Machines, Tel Aviv, Israel'), ['il-quantum-machines']);
  assert.deepEqual(ids('Robust Intelligence'), ['us-robust-intelligence']);
});

test('names with a distinctive word keep matching inside a longer phrase', () => {
  assert.deepEqual(ids('Samsung AI Lab, Zorbian University').slice(0, 1), ['kr-samsung']);
  assert.deepEqual(ids('Qualcomm AI Research Lab'), ['us-qualcomm']);
  // a word the curated base knows as a name on its own is a brand, whatever the dictionary says
  assert.deepEqual(ids('Adobe Research Lab'), ['us-adobe']);
  // a name that holds a head word of its own is an institution phrase: its lab is its unit
  assert.deepEqual(ids('Rice University Data Science Lab'), ['us-rice']);
  // a name that is itself a lab's (Modal Labs, US) reads on through "and Department of ..."
  assert.deepEqual(ids('Modal Labs and Department of Zorbian Studies'), ['us-modal-labs']);
});

test('a one-word dictionary name the index has only from a company name without its legal form is loose; a bare legal-form-less name stays with the record that writes it', () => {
  // Rebellions Inc. (KR), GRAIL, Inc. (US): the words alone are everyday or dictionary words
  assert.deepEqual(countries('Rebellions and Revolutions Research Centre, Zorbian University'), [null]);
  assert.deepEqual(countries('Grail Lab'), [null]);
  assert.deepEqual(ids('Rebellions Inc.'), ['kr-rebellions']);
  // "Snap" (of "Snap Inc."): its segment's whole name, not inside a longer one
  assert.deepEqual(ids('Snap'), ['us-snap']);
  assert.deepEqual(countries('Snap Lab, Zorbian University'), [null]);
  assert.deepEqual(countries('Academic Block, Zorbian University'), [null]);
  // "Robert Bosch LLC" (a US lab's legal name) without its form is the parent's written "Robert Bosch" (DE)
  assert.deepEqual(ids('Robert Bosch'), ['de-bosch']);
  assert.deepEqual(ids('Robert Bosch LLC'), ['us-bosch-na']);
});
