import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, readSource, venueFromFileName } from '../../src/sources/index.js';
import { CollabscopeError } from '../../src/errors.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

test('venue and year come from the file name', () => {
  assert.deepEqual(venueFromFileName('nips2018.json'), { venue: 'NeurIPS', year: 2018 });
  assert.deepEqual(venueFromFileName('/x/neurips-2025-orals-posters.json'), { venue: 'NeurIPS', year: 2025 });
  assert.deepEqual(venueFromFileName('corl2024.json'), { venue: 'CoRL', year: 2024 });
  assert.deepEqual(venueFromFileName('papers.json'), {});
});

test('detects each format from content', () => {
  assert.equal(detectFormat(fixture('nips2018.json')), 'papercopilot');
  assert.equal(detectFormat(fixture('neurips-2025-orals-posters.json')), 'neurips');
  assert.equal(detectFormat(fixture('wide.jsonl')), 'jsonl');
  assert.equal(detectFormat(fixture('long.csv')), 'csv');
  assert.throws(() => detectFormat(fixture('unknown.txt')), (e: CollabscopeError) => e.code === 'E_UNKNOWN_FORMAT' && /unknown.txt/.test(e.message));
});

test('Paper Copilot: ids, separators, + joins, empty slots, e-mail domains', () => {
  const { papers, warnings } = readSource(fixture('nips2018.json'));
  assert.equal(papers.length, 5);
  const [first, comma, noId, noAuthors, repeated] = papers;
  assert.equal(first.venue, 'NeurIPS');
  assert.equal(first.year, 2018);
  assert.equal(first.sourceId, '11201');
  assert.deepEqual(first.authors.map((a) => a.name), ['Shunyu Yao', 'Tzu Ming Hsu', 'Jun-Yan Zhu']);
  assert.deepEqual(first.authors[0].affiliations, ['IIIS, Tsinghua University', 'MIT CSAIL']);
  assert.equal(first.authors[0].emailDomain, 'tsinghua.edu.cn');
  assert.deepEqual(first.authors[2].affiliations, []);
  assert.equal(comma.sourceId, '77');
  assert.deepEqual(comma.authors.map((a) => a.name), ['Scott M Lundberg', 'Su-In Lee']);
  assert.equal(noId.sourceId, null);
  // "; " inside one author's slot is not an author separator when the counts say so
  assert.deepEqual(noId.authors[1].affiliations, ['Machine Learning Research Lab, Volkswagen Group']);
  assert.equal(noId.authors[1].emailDomain, 'vw.de');
  assert.equal(noAuthors.authors.length, 0);
  assert.ok(warnings.some((w) => w.index === 3 && w.code === 'no-authors'));
  assert.equal(repeated.sourceId, '11201');
});

test('Paper Copilot: the label fields are never read', () => {
  const { papers } = readSource(fixture('nips2018.json'));
  assert.doesNotMatch(JSON.stringify(papers), /Atlantis/);
});

test('NeurIPS virtual site: merges repeated entries, skips non-paper events, records the track', () => {
  const { papers, skipped } = readSource(fixture('neurips-2025-orals-posters.json'));
  assert.deepEqual(papers.map((p) => p.title), ['A Poster Paper', 'A Benchmark', 'Untitled authors']);
  assert.equal(papers[0].venue, 'NeurIPS');
  assert.equal(papers[0].year, 2025);
  assert.equal(papers[0].topic, 'Applications->Language');
  assert.deepEqual(papers[0].keywords, ['language models', 'reasoning']);
  assert.deepEqual(papers[0].authors[1], { name: 'Wei Zhang', affiliations: ['Tsinghua University'], ids: ['2'] });
  assert.equal(papers[0].track, 'main');
  assert.equal(papers[1].track, 'datasets-benchmarks');
  assert.deepEqual(skipped.map((s) => s.code).sort(), ['not-a-paper', 'repeat']);
});

test('CSV, long form: rows grouped into papers and authors', () => {
  const { papers } = readSource(fixture('long.csv'));
  assert.equal(papers.length, 2);
  assert.equal(papers[0].title, 'Scaling, with commas');
  assert.equal(papers[0].venue, 'ICML');
  assert.deepEqual(papers[0].authors[0].affiliations, ['Dept. of CS, Stanford University', 'Google Research']);
  assert.equal(papers[0].authors[0].emailDomain, 'stanford.edu');
  assert.equal(papers[0].authors[1].name, 'Bo Chen');
  assert.equal(papers[1].source.index, 3);
});

test('JSONL and CSV, wide form: list columns and author objects', () => {
  const jsonl = readSource(fixture('wide.jsonl')).papers;
  assert.deepEqual(jsonl[0].authors[0].affiliations, ['Stanford University', 'Google']);
  assert.deepEqual(jsonl[1].authors[0].affiliations, ['ETH Zurich', 'Google']);
  assert.deepEqual(jsonl[1].authors[1].affiliations, ['Fudan University']);
  const csv = readSource(fixture('wide.csv')).papers;
  assert.equal(csv[0].year, 2023);
  assert.deepEqual(csv[0].authors.map((a) => a.affiliations), [['MIT'], ['Zhejiang University']]);
});

test('--venue/--year override the file name', () => {
  const { papers } = readSource(fixture('nips2018.json'), { venue: 'Workshop', year: 2030 });
  assert.equal(papers[0].venue, 'Workshop');
  assert.equal(papers[0].year, 2030);
});

test('bad input: one-line errors naming the file and record', () => {
  const expectError = (path: string, code: string, pattern: RegExp) =>
    assert.throws(() => readSource(path), (e: unknown) => e instanceof CollabscopeError && e.code === code && pattern.test(e.message) && !e.message.includes('\n'));
  expectError(fixture('missing.json'), 'E_FILE_NOT_FOUND', /missing\.json/);
  expectError(fixture('broken.json'), 'E_BAD_JSON', /broken\.json: malformed JSON/);
  expectError(fixture('broken.jsonl'), 'E_BAD_JSON', /broken\.jsonl: line 2/);
  expectError(fixture('nips2017.json'), 'E_BAD_RECORD', /nips2017\.json: record 0/);
});

test('Paper Copilot: authors or affiliations given as a list of objects are one error line, not a paper without authors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-src-'));
  const write = (name: string, records: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(records));
    return path;
  };
  const objects = write('objects.json', [{ title: 'A', author: 'Ann Lee', aff: 'Some University' }, { title: 'B', authors: [{ name: 'Bo Wang', affiliations: ['Some Institute'] }] }]);
  assert.throws(() => readSource(objects, { venue: 'X', year: 2024 }), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_BAD_RECORD' && e.message === 'objects.json: record 1: authors is an array, expected text');
  const affList = write('aff-list.json', [{ title: 'C', author: 'Cy Ho; Di Ma', aff: ['Some University', 'Other College'] }]);
  assert.throws(() => readSource(affList, { venue: 'X', year: 2024 }), (e: unknown) => e instanceof CollabscopeError && e.code === 'E_BAD_RECORD' && /aff-list\.json: record 0: aff is an array/.test(e.message));
  const fine = write('fine.json', [{ title: 'D', author: 'Ed Yu; Fay Ko', aff: 'Some University; Other College' }]);
  assert.deepEqual(readSource(fine, { venue: 'X', year: 2024 }).papers[0].authors.map((a) => a.affiliations), [['Some University'], ['Other College']]);
  rmSync(dir, { recursive: true, force: true });
});
