// The dashboard's JSON API, through Hono's in-process request (no socket): filters and definitions
// change the numbers, every clickable number lists exactly its papers, bad input is a 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { createApp } from '../../src/serve/server.js';
import { readRun } from '../../src/report/build.js';
import { EVIL_AFFILIATION, EVIL_TITLE, FIXTURE_PAIR_PAPERS, FIXTURE_PAIR_PAPERS_2018, writeFixtureRun } from '../report/fixtures.js';

const fixture = writeFixtureRun();
const app = createApp(readRun(fixture.dir), { source: fixture.dir });

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.request(`http://127.0.0.1${path}`, { headers: { Host: '127.0.0.1:8765', ...headers } });
}

async function json<T = any>(path: string): Promise<T> {
  const response = await get(path);
  assert.equal(response.status, 200, `${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

interface ChartsBody {
  headline: { pairPapers: number; papersInScope: number };
  charts: Array<{ id: string; title: string; table: { columns: Array<{ label: string; numeric?: boolean }>; rows: Array<Array<{ text: string; drill?: Record<string, string> }>> }; vega: unknown }>;
}

test('/api/meta describes the run', async () => {
  const meta = await json('/api/meta');
  assert.deepEqual(meta.venues, ['ICML', 'NeurIPS']);
  assert.deepEqual(meta.years, [2016, 2017, 2018]);
  assert.deepEqual(meta.pair, ['US', 'CN']);
  assert.equal(meta.papers, 20);
  assert.ok(meta.institutions.includes('Tsinghua University'));
});

test('filters change the numbers', async () => {
  const all = await json<ChartsBody>('/api/charts');
  assert.equal(all.headline.pairPapers, FIXTURE_PAIR_PAPERS);
  assert.equal(all.charts.length, 7);
  const y2018 = await json<ChartsBody>('/api/charts?year=2018');
  assert.equal(y2018.headline.pairPapers, FIXTURE_PAIR_PAPERS_2018);
  assert.equal((await json<ChartsBody>('/api/charts?year=2016-2017')).headline.pairPapers, 5);
  assert.equal((await json<ChartsBody>('/api/charts?venue=ICML')).headline.pairPapers, 1);
  assert.equal((await json<ChartsBody>('/api/charts?field=vision')).headline.pairPapers, 3);
  assert.equal((await json<ChartsBody>('/api/charts?sector=company')).headline.pairPapers, 4);
  assert.equal((await json<ChartsBody>('/api/charts?institution=tsinghua%20university')).headline.pairPapers, 5);
  const summary = await json('/api/summary?year=2018');
  assert.equal(summary.papersInScope, 7);
  assert.deepEqual(Object.keys(summary.years), ['2018']);
});

test('definitions switch live, and the sensitivity table follows them', async () => {
  assert.equal((await json<ChartsBody>('/api/charts?chinaScope=greater')).headline.pairPapers, 9);
  assert.equal((await json<ChartsBody>('/api/charts?multinational=hq')).headline.pairPapers, 7);
  assert.equal((await json<ChartsBody>('/api/charts?dualAffiliation=ignore')).headline.pairPapers, 7);
  assert.equal((await json<ChartsBody>('/api/charts?tracks=main')).headline.papersInScope, 19);
  const sensitivity = await json('/api/sensitivity?chinaScope=greater');
  assert.equal(sensitivity.rows[0].definitions.chinaScope, 'greater');
  assert.equal(sensitivity.rows[0].pairPapers, 9);
  assert.equal(sensitivity.rows[1].definitions.chinaScope, 'mainland');
  assert.equal(sensitivity.rows[1].pairPapers, 8);
  // Another pair: US-CA.
  const usca = await json<ChartsBody>('/api/charts?pair=US,CA');
  assert.equal(usca.headline.pairPapers, 2);
  // Countries are recomputed for the definitions: techFlow sees MSRA in the US under hq.
  const hq = await json('/api/summary?multinational=hq');
  const transformer = hq.techFlow.technologies.find((t: { id: string }) => t.id === 'transformer');
  assert.equal(transformer.papersByCountry.CN, 3);
});

test('every number with a drill lists exactly that many papers', async () => {
  for (const filter of ['', 'year=2017-2018', 'chinaScope=greater&dualAffiliation=ignore', 'venue=NeurIPS&tracks=main']) {
    const body = await json<ChartsBody>(`/api/charts?${filter}`);
    let checked = 0;
    for (const chart of body.charts) {
      for (const row of chart.table.rows) {
        for (const cell of row) {
          if (!cell.drill) continue;
          const params = new URLSearchParams(filter);
          for (const [k, v] of Object.entries(cell.drill)) params.set(k, v);
          const list = await json(`/api/papers?${params}`);
          assert.equal(list.total, Number(cell.text), `${filter || 'no filter'} / ${chart.id} / ${row[0].text}: ${cell.text} but ${list.total} papers (${params})`);
          checked++;
        }
      }
    }
    assert.ok(checked > 30, `only ${checked} numbers checked`);
  }
  const headline = await json('/api/papers?has=pair');
  assert.equal(headline.total, FIXTURE_PAIR_PAPERS);
  assert.ok(headline.papers.some((p: { title: string }) => p.title === EVIL_TITLE));
});

test('chart marks carry the same drills as the table numbers', async () => {
  const body = await json<ChartsBody>('/api/charts');
  const spec = JSON.stringify(body.charts.find((c) => c.id === 'institutions')!.vega);
  assert.match(spec, /"drill":\{"has":"pair","sideInstitution":"cn-tsinghua-university@CN"\}/);
});

test('/api/papers/:id gives authors, raw affiliation strings and the evidence, under the definitions', async () => {
  const evil = await json('/api/papers/evil');
  assert.equal(evil.paper.title, EVIL_TITLE);
  assert.equal(evil.isPair, true);
  assert.equal(evil.authors[0].affiliations[0].raw, EVIL_AFFILIATION);
  assert.equal(evil.authors[0].affiliations[0].method, 'alias');
  assert.ok(evil.authors[0].affiliations[0].evidence.length > 0);
  const msra = await json('/api/papers/n16-3?multinational=hq');
  assert.equal(msra.isPair, false);
  assert.deepEqual(msra.paper.countries, ['US']);
  assert.equal(msra.authors[1].affiliations[0].country, 'CN');
  assert.equal(msra.authors[1].affiliations[0].countsFor, 'US');
  const dual = await json('/api/papers/n17-4?affiliations=first');
  assert.deepEqual(
    dual.authors[0].affiliations.map((a: { counted: boolean }) => a.counted),
    [true, false],
  );
  const missing = await get('/api/papers/nope');
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /no paper with id "nope"/);
});

test('bad parameters are a 400 with a message; unknown endpoints a 404', async () => {
  for (const [path, message] of [
    ['/api/charts?chinaScope=everything', /chinaScope must be one of mainland, greater/],
    ['/api/charts?pair=USA', /pair must be two different ISO country codes/],
    ['/api/charts?year=last', /year must be a year or a range/],
    ['/api/charts?colour=red', /unknown parameter "colour"/],
    ['/api/papers?limit=0', /limit must be a whole number from 1 to 1000/],
    ['/api/papers?has=everything', /has must be "pair"/],
    ['/api/papers?pairSectors=company', /pairSectors must be two sectors/],
  ] as const) {
    const response = await get(path);
    assert.equal(response.status, 400, path);
    assert.match((await response.json()).error, message);
  }
  const none = await get('/api/nothing');
  assert.equal(none.status, 404);
  assert.match((await none.json()).error, /no such endpoint/);
});

test('paging', async () => {
  const page = await json('/api/papers?has=pair&limit=3&offset=6');
  assert.equal(page.total, FIXTURE_PAIR_PAPERS);
  assert.equal(page.papers.length, 2);
});

test('the page and its script: security headers, escaped text, loopback Host only', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self' 'unsafe-eval'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  const text = await page.text();
  assert.match(text, /<script src="\/static\/dashboard\.js" defer><\/script>/);
  assert.equal((text.match(/<script/g) ?? []).length, 2, 'only the two script files, no inline script');
  const script = await get('/static/dashboard.js');
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  const source = await script.text();
  assert.doesNotThrow(() => new Script(source));
  const vega = await get('/static/vega.min.js');
  assert.equal(vega.status, 200);
  assert.ok((await vega.text()).length > 100_000);
  const rebinding = await get('/api/meta', { Host: 'attacker.example:8765' });
  assert.equal(rebinding.status, 403);
});

test('the page escapes the run label and source', async () => {
  const run = writeFixtureRun(
    writeFixtureRun()
      .papers.slice(0, 3)
      .map((p) => ({ ...p, venue: '<i>Conf</i>' })),
  );
  const hostile = createApp(readRun(run.dir), { source: '<script>alert(2)</script>' });
  const text = await (await hostile.request('http://127.0.0.1/', { headers: { Host: 'localhost' } })).text();
  assert.ok(!text.includes('<script>alert(2)'), 'source unescaped');
  assert.ok(!text.includes('<i>Conf'), 'venue unescaped');
  assert.ok(text.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
});

test('the institution level switches live: units roll up to their organisation, and the filter follows', async () => {
  const cnRows = (body: any) => body.institutions.sides[1].rows.map((r: any) => [r.institution, r.papers]);
  // the fixture's Microsoft Research Asia is the knowledge base's cn-microsoft-research-asia (parent us-microsoft)
  assert.deepEqual(cnRows(await json('/api/summary?institutionLevel=unit')), [['Tsinghua University', 5], ['Microsoft Research Asia', 1], ['Peking University', 1], ['Tencent', 1]]);
  assert.deepEqual(cnRows(await json('/api/summary')), [['Tsinghua University', 5], ['Peking University', 1], ['Tencent', 1], ['Microsoft', 1]]);
  assert.equal((await json('/api/summary?institution=microsoft')).papersInScope, 1);
  assert.equal((await json('/api/summary?institution=microsoft%20research%20asia&institutionLevel=unit')).papersInScope, 1);
  // at unit level no affiliation is "Microsoft" itself: an empty view, which must still answer
  assert.equal((await json('/api/summary?institution=microsoft&institutionLevel=unit')).papersInScope, 0);
  assert.equal((await get('/api/summary?institutionLevel=bogus')).status, 400);
});

test('a view with no papers answers on every endpoint: zero counts and an empty chart for each of the seven', async () => {
  const none = 'institution=no%20such%20institution';
  const summary = await json(`/api/summary?${none}`);
  assert.equal(summary.papersInScope, 0);
  assert.equal(summary.counting.full.pair.count, 0);
  const body = await json<ChartsBody>(`/api/charts?${none}`);
  assert.equal(body.headline.pairPapers, 0);
  assert.equal(body.charts.length, 7);
  for (const chart of body.charts) {
    assert.ok(chart.vega, `${chart.id}: no spec`);
    // the sensitivity table lists definitions, the technology table every tracked technology (all at 0)
    if (chart.id === 'techflow') assert.ok(chart.table.rows.every((r) => r[2].text === '0'), 'techflow: a paper in an empty view');
    else if (chart.id !== 'sensitivity') assert.equal(chart.table.rows.length, 0, `${chart.id}: rows in an empty view`);
  }
  assert.match(JSON.stringify(body.charts.find((c) => c.id === 'techflow')!.vega), /No known technology/);
  const trend = body.charts.find((c) => c.id === 'trend')!;
  assert.match(JSON.stringify(trend.vega), /No papers in scope/);
  assert.equal((await json(`/api/sensitivity?${none}`)).rows[0].pairPapers, 0);
  assert.equal((await json(`/api/papers?${none}`)).total, 0);
  // and the same for a year with no papers
  assert.equal((await json<ChartsBody>('/api/charts?year=1999')).charts.length, 7);
});
