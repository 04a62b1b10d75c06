// analyze then grid on a small hand-made, track-less corpus: every combination, the first-last row
// equals `analyze --authors first-last`, an unlocated company placed by its located twin, warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from '../cli-helper.js';

const line = (id: string, authors: Array<[string, string[]]>) =>
  JSON.stringify({ id, title: `Paper ${id}`, venue: 'TestConf', year: 2024, authors: authors.map(([name, affiliations]) => ({ name, affiliations })) });

// Invented authors at well-known institutions; no track field anywhere.
const CORPUS = [
  line('a1', [['Ann One', ['Stanford University']], ['Bo Two', ['Tsinghua University']]]), // US-CN
  line('a2', [['Cy Three', ['Peking University']], ['Di Four', ['Oxford University']], ['Ed Five', ['Stanford University']]]), // US-CN, first-last CN+US
  line('a3', [['Fa Six', ['Stanford University']], ['Gu Seven', ['Peking University']], ['Ha Eight', ['Oxford University']]]), // US-CN, first-last US+GB
  line('a4', [['Io Nine', ['Microsoft Research']], ['Ju Ten', ['Microsoft Research Asia']]]), // unlocated Microsoft: the co-author places it in CN
  line('a5', [['Ka Eleven', []], ['Lu Twelve', []]]), // no affiliations
  line('a6', [['Mo Thirteen', ['Stanford University', 'Tsinghua University']]]), // single author in both countries
].join('\n');

test('grid: every combination from the run; its first-last row is analyze --authors first-last; tracks and coverage are flagged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-grid-'));
  const input = join(dir, 'corpus.jsonl');
  writeFileSync(input, `${CORPUS}\n`);
  const run = join(dir, 'run');
  const analyzed = await cli(['analyze', input, '--out', run, '--tracks', 'main']);
  assert.equal(analyzed.code, 0, analyzed.stderr);
  assert.match(analyzed.stdout, /--tracks main has no effect: the input has no track information/);
  assert.match(analyzed.stdout, /tracks +all +\d+ +\d+ +[\d.]+% +[\d.-]+% +no track information/);
  assert.match(analyzed.stdout, /TestConf 2024: only 5 of 6 papers \(83\.3%\) have a located author/);
  const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  assert.deepEqual([summary.coverage.total.anyLocated, summary.coverage.total.noAffiliations], [5, 1]);
  // a1, a2, a3, a6 over the five located papers
  assert.deepEqual([summary.pairs['US-CN'].papers, summary.papersInScope], [4, 5]);
  const papers = readFileSync(join(run, 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const microsoft = papers.find((p) => p.id.endsWith(':a4')).authors[0].affiliations[0];
  assert.equal(microsoft.method, 'hq-default');
  assert.equal(microsoft.inferred.country, 'CN');
  assert.equal(microsoft.inferred.rule, 'co-author');
  const explained = await cli(['explain', 'a4', '--out', run]);
  assert.match(explained.stdout, /--unlocated infer: CN, from co-author Ju Ten at 'Microsoft Research Asia'/);

  const grid = await cli(['grid', run, '--target', '2/5']);
  assert.equal(grid.code, 0, grid.stderr);
  const rows = readFileSync(join(run, 'grid.csv'), 'utf8').trim().split('\n');
  assert.equal(rows.length, 1 + 768);
  const firstLast = rows.find((r) => r.startsWith('mainland,lab,count,all,main,first-last,infer,located,'))!.split(',');
  // first-last: a1 (US+CN), a2 (CN+US), a6 (single author) -> 3 of 5; a3's last author is in GB
  assert.deepEqual(firstLast.slice(8, 10), ['3', '5']);
  const direct = await cli(['analyze', input, '--out', join(dir, 'fl'), '--tracks', 'main', '--authors', 'first-last', '--json']);
  const headline = JSON.parse(direct.stdout);
  assert.deepEqual([headline.counting.full.pair.count, headline.counting.full.pair.total], [3, 5]);
  assert.match(grid.stdout, /Target 2\/5/);
  assert.match(grid.stdout, /every\s+tracks=main\s+row\s+repeats\s+its\s+tracks=all\s+row/);
});
