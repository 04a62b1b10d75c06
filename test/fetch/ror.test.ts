// The ROR dump through a stand-in of Zenodo: newest record, zip download (MD5), v2 JSON extraction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { HttpClient } from '../../src/fetch/http.js';
import { downloadRorDump, latestRorRelease, pickRorJson } from '../../src/fetch/ror.js';
import { extractEntry, listZip } from '../../src/fetch/unzip.js';
import { faults } from '../mocks/http-mock.js';
import { buildZip, fixtureText, startZenodoMock } from '../mocks/services.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-ror-'));
const client = (cacheDir = tempDir()) => new HttpClient({ cacheDir, sleep: async () => {}, random: () => 0.5, retries: 3 });

test('the zip reader lists entries and extracts one', async () => {
  const dir = tempDir();
  const zip = join(dir, 'a.zip');
  writeFileSync(zip, await buildZip([{ name: 'x/readme.txt', data: 'hello' }, { name: 'data.json', data: JSON.stringify({ n: [1, 2, 3] }) }]));
  const entries = await listZip(zip);
  assert.deepEqual(entries.map((e) => [e.name, e.size]), [['x/readme.txt', 5], ['data.json', 13]]);
  await extractEntry(zip, entries[1], join(dir, 'out', 'data.json'));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'out', 'data.json'), 'utf8')), { n: [1, 2, 3] });
  writeFileSync(join(dir, 'broken.zip'), 'not a zip at all');
  await assert.rejects(listZip(join(dir, 'broken.zip')), /not a readable zip archive/);
});

test('the v2 JSON is chosen over the v1 files of the same release', () => {
  const e = (name: string) => ({ name, size: 0 });
  assert.equal(pickRorJson([e('v1.72-ror-data.json'), e('v1.72-ror-data_schema_v2.json'), e('v1.72-ror-data.csv')])?.name, 'v1.72-ror-data_schema_v2.json');
  assert.equal(pickRorJson([e('v2.0-2026-01-15-ror-data.json'), e('v2.0-2026-01-15-ror-data.csv')])?.name, 'v2.0-2026-01-15-ror-data.json');
});

test('the newest release is read from the ror-data community at the real path', async () => {
  const server = await startZenodoMock();
  try {
    const release = await latestRorRelease({ client: client(), baseUrl: server.baseUrl });
    assert.equal(server.requests[0].url.pathname + server.requests[0].url.search, '/api/communities/ror-data/records?q=&sort=newest');
    assert.equal(release.version, 'v1.72');
    assert.equal(release.fileName, 'v1.72-2025-10-21-ror-data.zip');
    assert.equal(release.url, 'https://zenodo.org/api/records/17412230/files/v1.72-2025-10-21-ror-data.zip/content');
    assert.equal(release.size, server.zip.length);
  } finally {
    await server.close();
  }
});

test('the dump is downloaded (a 500 and a cut-off body retried), checked and its v2 JSON extracted', async () => {
  const server = await startZenodoMock();
  try {
    server.fail('/api/records/', faults.serverError(500), faults.truncate());
    const cacheDir = tempDir();
    const { release, jsonPath } = await downloadRorDump({ client: client(cacheDir), baseUrl: server.baseUrl });
    assert.equal(release.version, 'v1.72');
    assert.equal(jsonPath, join(cacheDir, 'ror', 'v1.72-2025-10-21-ror-data_schema_v2.json'));
    assert.equal(readFileSync(jsonPath, 'utf8'), fixtureText('ror-v2-sample.json'));
    // offline afterwards: the same files from the cache
    const again = await downloadRorDump({ client: new HttpClient({ cacheDir, offline: true }), baseUrl: server.baseUrl });
    assert.equal(again.jsonPath, jsonPath);
  } finally {
    await server.close();
  }
});

test('a checksum mismatch keeps nothing', async () => {
  const server = await startZenodoMock({ badChecksum: true });
  try {
    const cacheDir = tempDir();
    await assert.rejects(downloadRorDump({ client: client(cacheDir), baseUrl: server.baseUrl }), /checksum mismatch/);
    assert.equal(existsSync(join(cacheDir, 'ror')), false);
  } finally {
    await server.close();
  }
});
