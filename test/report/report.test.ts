// The HTML report: every chart present, self-contained, accessible, escaped; PNG export; the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildReport, chartsOf, readRun, writeReport } from '../../src/report/build.js';
import { escapeHtml, html, jsonForScript, raw } from '../../src/report/escape.js';
import { textWidth } from '../../src/report/charts/metrics.js';
import { layoutNetwork } from '../../src/report/charts/index.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { cli } from './helpers.js';
import { REPO_ROOT } from '../shared.js';
import { EVIL_INSTITUTION, FIXTURE_PAIR_PAPERS, fixturePapers, writeFixtureRun } from './fixtures.js';

const CHART_IDS = ['trend', 'fields', 'institutions', 'sectors', 'techflow', 'sensitivity', 'network'];

test('escapeHtml and jsonForScript neutralise markup', () => {
  assert.equal(escapeHtml('<script>alert("x") & \'y\'</script>'), '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
  assert.equal(escapeHtml(null), '');
  assert.equal(html`<p title="${'"><b>'}">${'<i>'}${raw('<br>')}</p>`.html, '<p title="&quot;&gt;&lt;b&gt;">&lt;i&gt;<br></p>');
  const json = jsonForScript({ t: '</script><!--' });
  assert.doesNotMatch(json, /[<>]/);
  assert.deepEqual(JSON.parse(json), { t: '</script><!--' });
});

test('text metrics follow Arial widths', () => {
  assert.ok(Math.abs(textWidth('Tsinghua University', 11) - 96.6) < 0.5, String(textWidth('Tsinghua University', 11)));
  assert.ok(textWidth('WWW', 10) > textWidth('iii', 10) * 3);
  assert.ok(textWidth('abc', 10, true) > textWidth('abc', 10));
});

test('the report has every chart, as inline SVG with accessible names and captions stating the definitions', async () => {
  const run = writeFixtureRun();
  const { html: page, charts } = await buildReport(readRun(run.dir), { source: run.dir });
  assert.deepEqual(
    charts.map((c) => c.id),
    CHART_IDS,
  );
  assert.equal((page.match(/<svg /g) ?? []).length, CHART_IDS.length);
  for (const id of CHART_IDS) {
    assert.match(page, new RegExp(`<figure class="chart" id="${id}" aria-labelledby="${id}-title">`));
    assert.match(page, new RegExp(`<svg role="img" aria-labelledby="${id}-title" aria-describedby="${id}-caption"`));
    const caption = new RegExp(`<figcaption id="${id}-caption">([^<]*)</figcaption>`).exec(page)?.[1] ?? '';
    assert.match(caption, /CN is mainland China \(HK, MO, TW counted separately\)/, `${id} caption: ${caption}`);
  }
  assert.match(page, /<strong>8<\/strong> of 20 in-scope papers/);
  // The sensitivity table is shown, not folded away.
  assert.match(page, /<caption>Sensitivity of the US-CN count to the definitions: numbers<\/caption>/);
});

test('the report is self-contained: no script, nothing fetched', async () => {
  const run = writeFixtureRun();
  const { html: page } = await buildReport(readRun(run.dir));
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /<(link|img|iframe|object|embed)\b(?![^>]*href="data:)/i);
  assert.doesNotMatch(page, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(page, /@import|url\((?!#)/i);
  // Gradients and clip paths of the inline SVGs have ids unique in the page.
  const ids = [...page.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
  for (const [, ref] of page.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids.includes(ref), `url(#${ref}) points nowhere`);
  assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
});

test('text from the data is escaped in the charts and tables', async () => {
  const run = writeFixtureRun();
  const { html: page } = await buildReport(readRun(run.dir));
  assert.ok(!page.includes(EVIL_INSTITUTION), 'the institution name appears unescaped');
  assert.ok(page.includes(escapeHtml(EVIL_INSTITUTION)), 'the institution name is shown (escaped) in the tables');
  assert.doesNotMatch(page, /<img|<b>|onerror=|onload=/i);
});

test('chart numbers are the summary numbers', async () => {
  const run = writeFixtureRun();
  const charts = chartsOf(readRun(run.dir));
  const byId = new Map(charts.map((c) => [c.id, c]));
  const trend = byId.get('trend')!;
  // Two venues: a series per venue after the one for all venues, with a venue column.
  const overall = trend.table.rows.filter((r) => r[0].text === 'all venues');
  assert.deepEqual(
    overall.map((r) => [r[1].text, r[2].text, r[3].text]),
    run.summary.trend.overall!.rows.map((r) => [String(r.year), String(r.papers), String(r.pairPapers)]),
  );
  assert.deepEqual(
    overall.map((r) => r[3].text),
    ['2', '3', '3'],
  );
  const icml2017 = trend.table.rows.find((r) => r[0].text === 'ICML' && r[1].text === '2017')!;
  assert.deepEqual(icml2017[3].drill, { venue: 'ICML', year: '2017', has: 'pair' });
  const sensitivity = byId.get('sensitivity')!;
  assert.deepEqual(
    sensitivity.table.rows.map((r) => [r[0].text, r[2].text]),
    [
      ['baseline (definitions in force)', '8'],
      ['China scope: greater China', '9'],
      ["Multinational labs: headquarters' country", '7'],
      ['Dual affiliations: ignored', '7'],
      ['Affiliations: first only', '7'],
      ['Tracks: main only', '7'],
      ['Authors: first only', '1'], // n17-4: the single author is at MIT and Tsinghua
      ['Authors: last only', '1'],
      ['Authors: first and last', '7'], // n18-1's first and last are Google (US) and Toronto (CA)
      ['Company without a site: headquarters', '8'], // no company without a site in the fixture
      ['Company without a site: unknown', '8'],
      ['Denominator: all papers', '8'], // n16-6 has a located author; the pair count cannot change
    ],
  );
  const fields = byId.get('fields')!;
  const vision = fields.table.rows.find((r) => r[0].text === 'vision')!;
  const row = run.summary.fields.primary.rows.find((r) => r.field === 'vision')!;
  assert.equal(vision[3].text, String(row.pairPapers));
  assert.equal(vision[6].text, row.lift!.toFixed(2));
  const institutions = byId.get('institutions')!;
  const tsinghua = institutions.table.rows.find((r) => r[1].text === 'Tsinghua University')!;
  assert.equal(tsinghua[2].text, '5');
  assert.deepEqual(tsinghua[2].drill, { has: 'pair', sideInstitution: 'cn-tsinghua-university@CN' });
  const sectors = byId.get('sectors')!;
  const total = sectors.table.rows.reduce((sum, r) => sum + Number(r[2].text), 0);
  assert.equal(total, run.summary.sectors.overall.combinations);
  const techflow = byId.get('techflow')!;
  assert.deepEqual(
    techflow.table.rows.slice(0, 2).map((r) => [r[0].text, r[2].text, r[3].text, r[4].text]),
    [
      ['ResNet', '5', '5', '3'],
      ['Transformer', '4', '4', '4'],
    ],
  );
  // every other tracked technology has its zero row
  assert.equal(techflow.table.rows.length, run.summary.techFlow.technologies.length);
  assert.ok(techflow.table.rows.slice(2).every((r) => r[2].text === '0'));
  assert.match(techflow.caption, /Across the border: 4 papers with CN authors use a technology from US; 5 papers with US authors use a technology from CN/);
});

test('charts of a run with no collaboration papers say so instead of failing', async () => {
  const lonely = fixturePapers().filter((p) => p.countries.length === 1);
  const run = writeFixtureRun(lonely);
  const { charts, html: page } = await buildReport(readRun(run.dir));
  assert.equal(charts.length, CHART_IDS.length);
  assert.match(page, /No US-CN collaboration papers/);
});

test('the network layout is deterministic, inside the frame, with labels that do not overlap', () => {
  const papers = fixturePapers();
  const a = layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS);
  const b = layoutNetwork(papers, ['US', 'CN'], DEFAULT_DEFINITIONS);
  assert.deepEqual(a, b);
  assert.equal(a.pairPapers, FIXTURE_PAIR_PAPERS);
  assert.ok(a.nodes.length > 5);
  for (const n of a.nodes) {
    assert.ok(n.x - n.r >= 0 && n.x + n.r <= a.width && n.y - n.r >= 0 && n.y + n.r <= a.height, `${n.institution} outside`);
  }
  const tsinghua = a.nodes.find((n) => n.institution === 'Tsinghua University')!;
  assert.equal(tsinghua.papers, 5);
  assert.equal(tsinghua.side, 'B');
  const labelled = a.nodes.filter((n) => n.label);
  assert.ok(labelled.length >= a.nodes.length / 2, 'most nodes are labelled');
  assert.ok(a.links.some((l) => l.across));
});

test('--png writes one PNG per chart', async () => {
  const run = writeFixtureRun();
  const out = mkdtempSync(join(tmpdir(), 'collabscope-png-'));
  const result = await writeReport(readRun(run.dir), { htmlFile: join(out, 'r.html'), pngDir: join(out, 'png') });
  assert.deepEqual(readdirSync(join(out, 'png')).sort(), CHART_IDS.map((id) => `${id}.png`).sort());
  for (const path of result.pngs) {
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], `${path} is a PNG`);
    assert.ok(bytes.length > 5000);
  }
});

test('report CLI: writes DIR/report.html; one-line errors for a missing directory or an old summary', async () => {
  const run = writeFixtureRun();
  const ok = await cli('report', '--from', run.dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /wrote .*report\.html \(7 charts\)/);
  assert.ok(existsSync(join(run.dir, 'report.html')));
  const missing = await cli('report', '--from', join(run.dir, 'nope'));
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.match(missing.stderr, /nope: no such directory/);
  const old = mkdtempSync(join(tmpdir(), 'collabscope-old-'));
  writeFileSync(join(old, 'summary.json'), JSON.stringify({ papers: 1, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS }));
  writeFileSync(join(old, 'papers.jsonl'), '');
  const stale = await cli('report', '--from', old);
  assert.equal(stale.code, 1);
  assert.equal(stale.stderr.trim().split('\n').length, 1, stale.stderr);
  assert.match(stale.stderr, /summary\.json: no years, counting, trend, .* sections; re-run `collabscope analyze`/);
});

test('analyze --report writes report.html beside papers.jsonl', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'collabscope-cli-')), 'out');
  const run = await cli('analyze', join(REPO_ROOT, 'test', 'sources', 'fixtures', 'nips2018.json'), '--out', out, '--report');
  assert.equal(run.code, 0, run.stderr);
  const page = readFileSync(join(out, 'report.html'), 'utf8');
  assert.equal((page.match(/<svg /g) ?? []).length, CHART_IDS.length);
  assert.match(run.stderr, /report .*report\.html: 7 charts/);
});
