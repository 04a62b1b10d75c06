// The networked commands as a user meets them, against local stand-ins: fetch, analyze <source>:<year>,
// compare --with openalex, kb update; one-line errors for unreachable hosts and offline misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli as runCli } from '../cli-helper.js';
import { parseSpec, resolveInputs, specPath } from '../../src/fetch/index.js';
import { HttpClient } from '../../src/fetch/http.js';
import { closedPort } from '../mocks/http-mock.js';
import { startNeuripsMock, startOpenAlexMock, startZenodoMock } from '../mocks/services.js';
import { writeRun } from '../mocks/analyze-run.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-fetch-cli-'));

/** The CLI in this process (the stand-in servers answer from here too), with its own COLLABSCOPE_HOME. */
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { COLLABSCOPE_HOME: tempDir(), ...env });

test('source specs: <source>:<year>, <source>:<venue>:<year>, openreview:<venue id>', () => {
  assert.deepEqual(parseSpec('neurips:2025'), { source: 'neurips', year: 2025, venue: 'neurips' });
  assert.deepEqual(parseSpec('papercopilot:iclr:2024'), { source: 'papercopilot', year: 2024, venue: 'iclr' });
  assert.deepEqual(parseSpec('openreview:NeurIPS.cc/2025/Conference'), { source: 'openreview', year: 2025, venue: 'neurips', venueIds: ['NeurIPS.cc/2025/Conference'] });
  assert.equal(parseSpec('nips2018.json'), null);
  assert.equal(parseSpec('C:/data/x.json'), null);
  assert.throws(() => parseSpec('neurips:latest'), /a source spec is <source>:<year>/);
  assert.equal(specPath({ source: 'neurips', year: 2025, venue: 'neurips' }, '/c'), '/c/data/neurips/neurips-2025-orals-posters.json');
});

test('resolveInputs fetches a spec into the cache, keeps files, and reuses the copy offline', async () => {
  const server = await startNeuripsMock();
  const cacheDir = tempDir();
  try {
    const env = { COLLABSCOPE_NEURIPS_BASE_URL: server.baseUrl };
    const client = new HttpClient({ cacheDir, sleep: async () => {} });
    const [path, kept] = await resolveInputs(['neurips:2025', 'some-file.json'], { cacheDir, env, client });
    assert.equal(path, join(cacheDir, 'data', 'neurips', 'neurips-2025-orals-posters.json'));
    assert.equal(kept, 'some-file.json');
    assert.ok(existsSync(path));
  } finally {
    await server.close();
  }
  const [again] = await resolveInputs(['neurips:2025'], { cacheDir, env: { COLLABSCOPE_OFFLINE: '1' } });
  assert.equal(again, join(cacheDir, 'data', 'neurips', 'neurips-2025-orals-posters.json'));
});

test('fetch --help names the sources and the network options', async () => {
  const { code, stdout } = await cli(['fetch', '--help']);
  assert.equal(code, 0);
  for (const word of ['neurips', 'openreview', 'openalex', 'papercopilot', '--base-url', '--cache-dir', '--offline', '--out', '--year']) assert.match(stdout, new RegExp(word));
});

test('collabscope fetch neurips --year 2025 --base-url: the real path on the given host, a file analyze reads', async () => {
  const server = await startNeuripsMock();
  try {
    const dir = tempDir();
    const out = join(dir, 'n.json');
    const { code, stdout, stderr } = await cli(['fetch', 'neurips', '--year', '2025', '--base-url', server.baseUrl, '--cache-dir', join(dir, 'cache'), '--out', out]);
    assert.equal(code, 0, stderr);
    assert.equal(server.requests[0].path, '/static/virtual/data/neurips-2025-orals-posters.json');
    assert.match(stdout, /wrote .*n\.json \(5 papers from 6 records/);
    assert.match(stdout, /next: collabscope analyze /);
    assert.ok(existsSync(out));
    // The venue and year travel beside the file, so analyze reads "n.json" with no --venue/--year.
    assert.deepEqual(JSON.parse(readFileSync(`${out}.collabscope.json`, 'utf8')), { venue: 'NeurIPS', year: 2025, source: 'neurips' });
    const run = await cli(['analyze', out, '--out', join(dir, 'run'), '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(Object.keys(JSON.parse(run.stdout).venues), ['NeurIPS 2025']);
  } finally {
    await server.close();
  }
});

test('fetch --out replaces a file it wrote, refuses one it did not (or a foreign sidecar) before downloading', async () => {
  const server = await startNeuripsMock();
  try {
    const dir = tempDir();
    const out = join(dir, 'n.json');
    const args = ['fetch', 'neurips', '--year', '2025', '--base-url', server.baseUrl, '--cache-dir', join(dir, 'cache'), '--out', out];
    assert.equal((await cli(args)).code, 0);
    // its own file (sidecar beside it): replaced
    const again = await cli(args);
    assert.equal(again.code, 0, again.stderr);
    const requests = server.requests.length;
    // a user's file of that name: one line, exit 1, untouched, nothing requested
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, '[]\n');
    const refused = await cli([...args.slice(0, -1), mine]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /--out .*mine\.json: exists and was not written by collabscope fetch; give a new file name; nothing was fetched/);
    assert.equal(readFileSync(mine, 'utf8'), '[]\n');
    assert.equal(server.requests.length, requests);
    // a file of the user's at the sidecar's name is not replaced either
    writeFileSync(join(dir, 'fresh.json.collabscope.json'), 'my notes\n');
    const sidecar = await cli([...args.slice(0, -1), join(dir, 'fresh.json')]);
    assert.equal(sidecar.code, 1);
    assert.match(sidecar.stderr, /fresh\.json\.collabscope\.json exists and was not written by collabscope/);
    assert.equal(existsSync(join(dir, 'fresh.json')), false);
    // into a directory: the source's file name, checked the same way
    writeFileSync(join(dir, 'neurips-2025-orals-posters.json'), '{}\n');
    const intoDir = await cli([...args.slice(0, -1), dir]);
    assert.equal(intoDir.code, 1);
    assert.match(intoDir.stderr, /neurips-2025-orals-posters\.json: exists and was not written by collabscope fetch/);
  } finally {
    await server.close();
  }
});

test('an unreachable host and an offline miss are one line each, exit 1, nothing written', async () => {
  const dir = tempDir();
  const port = await closedPort();
  const unreachable = await cli(['fetch', 'neurips', '--year', '2025', '--base-url', `http://127.0.0.1:${port}`, '--cache-dir', join(dir, 'cache'), '--out', join(dir, 'x.json')]);
  assert.equal(unreachable.code, 1);
  assert.equal(unreachable.stderr.trim(), `collabscope: cannot reach 127.0.0.1:${port} (ECONNREFUSED); use --offline with a cached copy`);
  const offline = await cli(['fetch', 'openalex', '--year', '2025', '--offline', '--cache-dir', join(dir, 'cache'), '--out', join(dir, 'x.jsonl')]);
  assert.equal(offline.code, 1);
  assert.match(offline.stderr, /^collabscope: offline: https:\/\/api\.openalex\.org\/works\?.* is not in the cache/);
  assert.equal(offline.stderr.trim().split('\n').length, 1);
  const bad = await cli(['fetch', 'arxiv', '--year', '2025']);
  assert.match(bad.stderr, /unknown source "arxiv" \(expected neurips, openreview, openalex, papercopilot\)/);
  assert.deepEqual(readdirSync(dir).filter((f) => f !== 'cache'), []);
});

test('analyze neurips:2025 fetches through the cache, then works offline with the server gone', async () => {
  const server = await startNeuripsMock();
  const home = tempDir();
  const out = join(tempDir(), 'out');
  try {
    const run = await cli(['analyze', 'neurips:2025', '--out', out, '--json'], { COLLABSCOPE_HOME: home, COLLABSCOPE_NEURIPS_BASE_URL: server.baseUrl });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).papers, 5);
    assert.ok(existsSync(join(home, 'cache', 'data', 'neurips', 'neurips-2025-orals-posters.json')));
  } finally {
    await server.close();
  }
  const offline = await cli(['analyze', 'neurips:2025', '--offline', '--out', out, '--json'], { COLLABSCOPE_HOME: home });
  assert.equal(offline.code, 0, offline.stderr);
  assert.equal(JSON.parse(offline.stdout).papers, 5);
});

test('collabscope compare DIR --with openalex prints agreement and differences', async () => {
  const server = await startOpenAlexMock();
  try {
    const dir = writeRun(tempDir());
    const { code, stdout, stderr } = await cli(['compare', dir, '--with', 'openalex', '--base-url', server.baseUrl, '--cache-dir', join(tempDir(), 'cache')]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /matched 4 \(by DOI 1, by title 3\)/);
    assert.match(stdout, /Per-country differences/);
    const json = await cli(['compare', dir, '--with', 'openalex', '--base-url', server.baseUrl, '--json', '--cache-dir', join(tempDir(), 'cache')]);
    assert.equal(JSON.parse(json.stdout).countries.differ, 1);
    const wrong = await cli(['compare', dir, '--with', 'scopus']);
    assert.match(wrong.stderr, /--with must be openalex/);
  } finally {
    await server.close();
  }
});

test('collabscope kb update downloads the newest ROR dump and imports it into the user KB', async () => {
  const server = await startZenodoMock();
  try {
    const home = tempDir();
    const { code, stdout, stderr } = await cli(['kb', 'update', '--base-url', server.baseUrl], { COLLABSCOPE_HOME: home });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /imported 2 ROR organisations into .*ror\.json \(ROR v1\.72\)/);
    const imported = JSON.parse(readFileSync(join(home, 'kb', 'ror.json'), 'utf8')) as Array<{ name: string; country: string }>;
    assert.deepEqual(imported.map((i) => [i.name, i.country]).sort(), [['Stanford University', 'US'], ['Tsinghua University', 'CN']]);
  } finally {
    await server.close();
  }
});
