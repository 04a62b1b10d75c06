import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildCorpus, UniqueIds, type AuthorResolver, type PaperClassifier } from '../src/pipeline.js';
import { summarizeHeadline } from '../src/summary.js';
import { writeOutputDir, writeJson } from '../src/output.js';
import { DEFAULT_DEFINITIONS, type Affiliation } from '../src/types.js';

const fixture = (name: string) => join(import.meta.dirname, 'sources', 'fixtures', name);

/** A stand-in resolver: a few names and their countries. */
const KNOWN: Record<string, [string, string]> = { Tsinghua: ['Tsinghua University', 'CN'], MIT: ['MIT', 'US'], Peking: ['Peking University', 'CN'], Hong: ['HKU', 'HK'] };
const fakeResolver: AuthorResolver = {
  resolveAuthor: (author) =>
    author.affiliations.map((raw): Affiliation => {
      const hit = Object.entries(KNOWN).find(([word]) => raw.includes(word));
      return {
        raw,
        institution: hit?.[1][0] ?? null,
        institutionId: null,
        country: hit?.[1][1] ?? null,
        hqCountry: null,
        sector: hit ? 'education' : null,
        confidence: hit ? 1 : 0,
        method: hit ? 'alias' : 'unresolved',
        evidence: [],
      };
    }),
};
const fakeClassifier: PaperClassifier = { classifyFields: () => ({ fields: ['other'], evidence: [] }), detectTechnologies: () => [] };

function corpusOf(files: string[], extra = {}) {
  return buildCorpus({ files, definitions: DEFAULT_DEFINITIONS, resolver: fakeResolver, classifier: fakeClassifier, ...extra });
}

test('one paper per input record, in input order, ids unique across the run', () => {
  const corpus = corpusOf([fixture('nips2018.json'), fixture('nips2018.json')]);
  assert.equal(corpus.papers.length, 10);
  assert.deepEqual(corpus.papers.map((p) => p.source.index), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
  assert.equal(new Set(corpus.papers.map((p) => p.id)).size, 10);
  assert.equal(corpus.papers[0].id, 'neurips2018:11201');
  assert.equal(corpus.papers[4].id, 'neurips2018:11201~2');
  assert.equal(corpus.papers[2].id, 'neurips2018:nips2018.json#2');
});

test('countries are the sorted codes of resolved affiliations', () => {
  const [first, , , , last] = corpusOf([fixture('nips2018.json')]).papers;
  assert.deepEqual(first.countries, ['CN', 'US']);
  assert.deepEqual(last.countries, ['CN']);
});

test('slots past the last author: resolved alone (no author context), the paper\'s countries, pooled; no author holds them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-pipeline-'));
  const file = join(dir, 'siggraph2025.json');
  writeFileSync(file, JSON.stringify([{ title: 'T', author: 'A;B', aff: 'MIT;MIT;Tsinghua;Hong Kong+MIT' }, { title: 'U', author: 'A;B', aff: 'MIT;Peking' }]));
  const seen: string[][] = [];
  const spy: AuthorResolver = { resolveAuthor: (a) => (seen.push(a.affiliations), fakeResolver.resolveAuthor(a)) };
  const corpus = buildCorpus({ files: [file], definitions: DEFAULT_DEFINITIONS, resolver: spy, classifier: fakeClassifier });
  const [flat, aligned] = corpus.papers;
  assert.deepEqual(flat.authors.map((a) => a.affiliations.map((f) => f.raw)), [['MIT'], ['MIT']]);
  // "MIT" is already the authors': only the two new texts, each resolved on its own
  assert.deepEqual(flat.unattributed?.map((f) => f.raw), ['Tsinghua', 'Hong Kong']);
  assert.deepEqual(seen.slice(2, 4), [['Tsinghua'], ['Hong Kong']]);
  assert.deepEqual(flat.countries, ['CN', 'HK', 'US']);
  assert.equal('unattributed' in aligned, false);
  assert.deepEqual(aligned.countries, ['CN', 'US']);
  // pooled like the authors' affiliations: equal ones are one frozen object
  assert.ok(Object.isFrozen(flat.unattributed![0]));
  assert.equal(flat.authors[0].affiliations[0], flat.authors[1].affiliations[0]);
  assert.deepEqual(summarizeHeadline(corpus, ['US', 'CN'], DEFAULT_DEFINITIONS).unresolved.affiliations, 6);
});

test('a record with an earlier record\'s id, title and authors is the same paper listed again: read once, a repeated-record skip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-pipeline-'));
  const file = join(dir, 'siggraph2025.json');
  const record = (id: string | undefined, title: string, author: string) => ({ ...(id ? { id } : {}), title, author, aff: 'MIT;Tsinghua' });
  writeFileSync(file, JSON.stringify([record('a1', 'T', 'A;B'), record('a1', 't ', 'A;B'), record('a1', 'T', 'A;C'), record(undefined, 'T', 'A;B'), record(undefined, 'T', 'A;B')]));
  const corpus = corpusOf([file]);
  // the second record repeats the first (title case and spaces aside); other authors, or no id, are other papers
  assert.deepEqual(corpus.papers.map((p) => p.source.index), [0, 2, 3, 4]);
  assert.deepEqual(corpus.papers.map((p) => p.id).slice(0, 2), ['siggraph2025:a1', 'siggraph2025:a1~2']);
  assert.deepEqual(corpus.skipped.map((w) => [w.index, w.code]), [[1, 'repeated-record']]);
  assert.match(corpus.skipped[0].message, /repeats record 0/);
  // the repeat's own warnings go with it (here: its slot past the last author, as the first record's)
  const slotWarnings = (records: object[]) => {
    writeFileSync(file, JSON.stringify(records));
    return corpusOf([file]).warnings.filter((w) => w.code === 'slot-count').map((w) => w.index);
  };
  assert.deepEqual(slotWarnings([{ id: 'b', title: 'T', author: 'A', aff: 'MIT;Peking' }, { id: 'b', title: 'T', author: 'A', aff: 'MIT;Peking' }]), [0]);
});

test('--no-email drops e-mail domains before resolution', () => {
  const seen: Array<string | null | undefined> = [];
  const spy: AuthorResolver = { resolveAuthor: (a) => (seen.push(a.emailDomain), fakeResolver.resolveAuthor(a)) };
  buildCorpus({ files: [fixture('nips2018.json')], definitions: DEFAULT_DEFINITIONS, resolver: spy, classifier: fakeClassifier, ignoreEmail: true });
  assert.ok(seen.length > 0 && seen.every((d) => d === null));
});

test('the headline pair count equals the rows that contain both countries', () => {
  const corpus = corpusOf([fixture('nips2018.json'), fixture('neurips-2025-orals-posters.json')]);
  const summary = summarizeHeadline(corpus, ['US', 'CN'], DEFAULT_DEFINITIONS);
  const both = corpus.papers.filter((p) => p.countries.includes('US') && p.countries.includes('CN')).length;
  assert.equal(summary.pairs['US-CN'].papers, both);
  assert.equal(summary.papers, corpus.papers.length);
  // the default denominator: papers with a located author (2 of the five 2018 papers with the fake resolver)
  const located = corpus.papers.filter((p) => p.countries.length > 0);
  assert.equal(summary.years['2018'].papers, located.filter((p) => p.year === 2018).length);
  assert.equal(summary.years['2018'].papers, 2);
  assert.equal(summary.years['2018'].pairs['US-CN'].papers, 1);
  assert.equal(summary.pairs['US-CN'].share, both / located.length);
  const all = summarizeHeadline(corpus, ['US', 'CN'], { ...DEFAULT_DEFINITIONS, denominator: 'all' });
  assert.equal(all.years['2018'].papers, 5);
  assert.equal(all.pairs['US-CN'].share, both / corpus.papers.length);
  assert.equal(summary.warnings.byCode['no-authors'], 2); // one in each fixture
  assert.equal(summary.skipped.byCode['repeat'], 1);
});

test('unresolved counts affiliation instances with no country', () => {
  const summary = summarizeHeadline(corpusOf([fixture('nips2018.json')]), ['US', 'CN'], DEFAULT_DEFINITIONS);
  // resolvable: Tsinghua, MIT CSAIL, MIT CSAIL, Peking; not: two Volkswagen strings
  assert.deepEqual(summary.unresolved, { affiliations: 6, unresolved: 2, share: 2 / 6 });
});

test('unique ids: prefix from venue and year, suffix for repeats', () => {
  const ids = new UniqueIds();
  const paper = { venue: 'CoRL', year: 2024, sourceId: 'x', source: { file: 'f', index: 0 } };
  assert.equal(ids.next(paper), 'corl2024:x');
  assert.equal(ids.next(paper), 'corl2024:x~2');
  assert.equal(ids.next({ ...paper, sourceId: null }), 'corl2024:f#0');
});

test('output directory: complete or untouched', async () => {
  const root = mkdtempSync(join(tmpdir(), 'collabscope-out-'));
  const out = join(root, 'out');
  await writeOutputDir(out, async (dir) => writeJson(join(dir, 'summary.json'), { ok: 1 }));
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), { ok: 1 });
  await assert.rejects(
    writeOutputDir(out, async (dir) => {
      writeFileSync(join(dir, 'summary.json'), 'half');
      throw new Error('failed mid-way');
    }),
  );
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), { ok: 1 });
  assert.deepEqual(readdirSync(root), ['out']);
  const fresh = join(root, 'never');
  await assert.rejects(writeOutputDir(fresh, async () => { throw new Error('x'); }));
  assert.equal(existsSync(fresh), false);
});
