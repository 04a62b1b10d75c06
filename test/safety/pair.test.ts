// --pair is checked against ISO 3166-1 alpha-2 everywhere (command line, API, hence the dashboard).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parsePair } from '../../src/definitions.js';
import { countryCodeProblem } from '../../src/country-codes.js';
import { createApp } from '../../src/serve/server.js';
import { readRun } from '../../src/report/build.js';
import { writeFixtureRun } from '../report/fixtures.js';
import { run, tempDir, writeCsv } from './harness.js';

test('unknown codes are refused with a hint', () => {
  assert.deepEqual(parsePair('us,cn'), ['US', 'CN']);
  assert.deepEqual(parsePair('GB-TW'), ['GB', 'TW']);
  assert.throws(() => parsePair('XX,US'), /^CollabscopeError: --pair: "XX" is not an ISO 3166-1 alpha-2 country code$|--pair: "XX" is not an ISO 3166-1 alpha-2 country code$/);
  assert.throws(() => parsePair('UK,CN'), /--pair: "UK" is not an ISO 3166-1 alpha-2 country code; did you mean GB\?/);
  assert.throws(() => parsePair('US,EL'), /"EL" .* did you mean GR\?/);
  assert.throws(() => parsePair('USA,CN'), /--pair must be two different ISO country codes like US,CN \(got "USA,CN"\): "USA" is not .* did you mean US\?/);
  assert.throws(() => parsePair('US,US'), /two different/);
  assert.equal(countryCodeProblem('Germany'), '"Germany" is not an ISO 3166-1 alpha-2 country code; did you mean DE?');
  assert.equal(countryCodeProblem('HK'), null);
});

test('the command line refuses --pair XX,US and UK,CN in one line, writing nothing', async () => {
  const root = tempDir();
  const input = writeCsv(join(root, 'in.csv'));
  for (const pair of ['XX,US', 'UK,CN']) {
    const result = await run(['analyze', input, '--pair', pair, '--out', join(root, 'out')]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /not an ISO 3166-1 alpha-2 country code/);
  }
});

test('the API (and so the dashboard, which shows its error line) answers 400 with the hint', async () => {
  const fixture = writeFixtureRun();
  const app = createApp(readRun(fixture.dir), { source: fixture.dir });
  for (const [pair, hint] of [['XX,US', /"XX" is not an ISO 3166-1 alpha-2 country code/], ['UK,CN', /did you mean GB\?/]] as const) {
    const response = await app.request(`http://127.0.0.1/api/summary?pair=${pair}`, { headers: { Host: '127.0.0.1:8765' } });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: string }).error, hint);
  }
});
