// The speed changes of writing papers.jsonl (streamed as papers are built, the lines of papers the
// --unlocated placement changes replaced afterwards by byte offset, shared affiliation JSON, lean
// papers in memory) must change no byte: the file equals the plain way of making it (build every
// paper, place, recompute countries, JSON.stringify each), and a lean run's outputs equal a full one's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const home = mkdtempSync(join(tmpdir(), 'collabscope-run-'));
process.env.COLLABSCOPE_HOME = home;
const { runAnalyze } = await import('../src/run.js');
const { buildCorpus } = await import('../src/pipeline.js');
const { createResolver } = await import('../src/resolve/index.js');
const { createClassifier } = await import('../src/classify/index.js');
const { companyIndex, mayPlace, multisiteLabs, placeUnlocated } = await import('../src/resolve/unlocated.js');
const { paperCountries } = await import('../src/definitions.js');
const { DEFAULT_DEFINITIONS } = await import('../src/types.js');

// Invented papers: a company named without a site, placed from the same author elsewhere (changes),
// one left at its headquarters (a candidate that does not change), and ordinary papers between them.
const ABSTRACT = 'We fine-tune a transformer language model for image segmentation and report results on benchmarks.';
const rows = [
  { title: 'Graph neural networks for molecules', authors: 'Ann Example; Bo Sample', affiliations: 'Google; Tsinghua University', abstract: ABSTRACT },
  { title: 'Policy gradients in robot control', authors: 'Cy Person; Di Other', affiliations: 'Stanford University; Peking University', abstract: 'Reinforcement learning policies for robots.' },
  { title: 'Diffusion models for image synthesis', authors: 'Ann Example', affiliations: 'Google DeepMind, Paris, France', abstract: ABSTRACT, keywords: 'diffusion; images' },
  { title: 'Speech recognition at scale', authors: 'Ed Nobody; Fay Some', affiliations: 'Google; University of Oxford', abstract: 'Automatic speech recognition with large models.' },
  { title: 'Bounds for bandits', authors: 'Gu Ha', affiliations: 'Massachusetts Institute of Technology', abstract: 'Regret bounds for multi-armed bandits.' },
];
const dir = mkdtempSync(join(tmpdir(), 'collabscope-run-input-'));
const file = join(dir, 'invented2024.jsonl');
writeFileSync(file, rows.map((row, i) => JSON.stringify({ id: `p${i}`, venue: 'TESTCONF', year: 2024, ...row })).join('\n') + '\n');
const request = { files: [file], pair: ['US', 'CN'] as [string, string], definitions: DEFAULT_DEFINITIONS, kbDirs: [], workers: 1 };

test('papers.jsonl is byte for byte the plain way of writing it, lean or not, with placements replaced', async () => {
  const corpus = buildCorpus({ files: [file], definitions: DEFAULT_DEFINITIONS, resolver: createResolver({ kbDirs: [] }), classifier: createClassifier() });
  const candidates = corpus.papers.filter(mayPlace).length;
  const placed = placeUnlocated(corpus.papers, companyIndex([]), multisiteLabs());
  for (const paper of placed.changed) paper.countries = paperCountries(paper, DEFAULT_DEFINITIONS);
  // the test only shows something when a line is replaced, another candidate is not, and lines carry field evidence
  assert.equal(placed.changed.length, 1);
  assert.ok(candidates > placed.changed.length, `${candidates} candidates`);
  assert.ok(corpus.papers.every((paper) => paper.fieldEvidence.length > 0));
  const expected = corpus.papers.map((paper) => `${JSON.stringify(paper)}\n`).join('');

  const out = mkdtempSync(join(tmpdir(), 'collabscope-run-out-'));
  await runAnalyze({ ...request, out: join(out, 'full') });
  await runAnalyze({ ...request, out: join(out, 'lean'), leanPapers: true });
  assert.equal(readFileSync(join(out, 'full', 'papers.jsonl'), 'utf8'), expected);
  assert.ok(readFileSync(join(out, 'lean', 'papers.jsonl')).equals(readFileSync(join(out, 'full', 'papers.jsonl'))));
  assert.ok(readFileSync(join(out, 'lean', 'summary.json')).equals(readFileSync(join(out, 'full', 'summary.json'))));
});

test('a lean run keeps in memory only what the analytics read', async () => {
  const out = mkdtempSync(join(tmpdir(), 'collabscope-run-out-'));
  const lean = await runAnalyze({ ...request, out: join(out, 'lean'), leanPapers: true });
  assert.ok(lean.corpus.papers.every((paper) => paper.title === '' && paper.fieldEvidence.length === 0));
  assert.deepEqual(Object.keys(lean.corpus.papers[0].authors[0]), ['name', 'affiliations']);
  const full = await runAnalyze({ ...request, out: join(out, 'full') });
  assert.equal(full.corpus.papers[0].title, 'Graph neural networks for molecules');
});

test('papers.jsonl written in many chunks (papers longer than the text chunk) is the plain JSON.stringify of each', async () => {
  const { PapersJsonlWriter } = await import('../src/papers-jsonl.js');
  const { paper, author, aff } = await import('./analyze/fixtures.js');
  const shared = Object.freeze(aff('Invented Institute', 'US'));
  Object.freeze(shared.evidence);
  const papers = Array.from({ length: 120 }, (_, i) => {
    const p = paper(
      { year: 2020 + (i % 3), ...(i % 4 === 0 ? { unattributed: [shared, aff('Loose Invented Lab', 'GB')] } : {}) },
      [author(`Person ${i}`, shared), author('Another Person', aff('Other Invented College', 'CN'))],
    );
    p.title = `${'long title é '.repeat(60)}${i}`;
    return p;
  });
  const out = mkdtempSync(join(tmpdir(), 'collabscope-run-chunks-'));
  const writer = new PapersJsonlWriter(join(out, 'papers.jsonl'));
  for (const p of papers) writer.write(p);
  writer.close();
  const text = readFileSync(join(out, 'papers.jsonl'), 'utf8');
  assert.ok(text.length > 3 * 32768, `${text.length} characters`);
  assert.equal(text, papers.map((p) => `${JSON.stringify(p)}\n`).join(''));
});
