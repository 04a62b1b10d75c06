import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportParquet, ingestPapers, queryDatabase, TABLES } from '../../src/store/duckdb.js';
import { DEFAULT_DEFINITIONS, type Paper } from '../../src/types.js';
import { formatRows } from '../../src/cli/commands/store.js';

function paper(id: string, venue: string, year: number, countries: string[], title = id): Paper {
  return {
    id, source: { file: 'f.json', index: 0 }, venue, year, title, track: 'main', status: null, topic: null, keywords: [], url: null,
    authors: countries.map((country, i) => ({
      name: `author ${i}`,
      affiliations: [{ raw: `Univ ${country}`, institution: `Univ ${country}`, institutionId: `${country.toLowerCase()}-univ`, country, hqCountry: null, sector: 'education', confidence: 1, method: 'alias', evidence: ['alias'] }],
    })),
    countries: [...new Set(countries)].sort(), fields: ['vision', 'theory'], fieldEvidence: [],
    technologies: [{ id: 'resnet', name: 'ResNet', origin: { organization: 'Microsoft Research Asia', country: 'CN' }, matched: ['ResNet-50'], where: ['abstract'] }],
  };
}

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'collabscope-db-')), 'test.duckdb');

test('ingest writes every table and the standard views answer', async () => {
  const file = dbFile();
  await ingestPapers(file, [paper('a', 'NeurIPS', 2018, ['US', 'CN']), paper('b', 'NeurIPS', 2018, ['US']), paper('c', 'ICML', 2019, ['CN', 'GB'])], DEFAULT_DEFINITIONS);
  const counts = await queryDatabase(file, `SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM affiliations) AS affiliations, (SELECT count(*) FROM fields) AS fields, (SELECT count(*) FROM technologies) AS tech, (SELECT count(*) FROM institutions) AS institutions`);
  assert.deepEqual(counts.rows[0], { papers: '3', affiliations: '5', fields: '6', tech: '3', institutions: '3' });
  const pairs = await queryDatabase(file, `SELECT venue, year, country_a, country_b, pair, pair_papers, venue_year_papers, share_of_papers FROM collaboration_by_venue_year ORDER BY venue, year, country_a`);
  assert.deepEqual(pairs.rows, [
    { venue: 'ICML', year: 2019, country_a: 'CN', country_b: 'GB', pair: 'CN-GB', pair_papers: '1', venue_year_papers: '1', share_of_papers: 1 },
    { venue: 'ICML', year: 2019, country_a: 'GB', country_b: 'CN', pair: 'CN-GB', pair_papers: '1', venue_year_papers: '1', share_of_papers: 1 },
    { venue: 'NeurIPS', year: 2018, country_a: 'CN', country_b: 'US', pair: 'CN-US', pair_papers: '1', venue_year_papers: '2', share_of_papers: 0.5 },
    { venue: 'NeurIPS', year: 2018, country_a: 'US', country_b: 'CN', pair: 'CN-US', pair_papers: '1', venue_year_papers: '2', share_of_papers: 0.5 },
  ]);
  // The documented example works as written in either order, and by the unordered pair.
  const us = await queryDatabase(file, "SELECT year, pair_papers FROM collaboration_by_venue_year WHERE country_a='US' AND country_b='CN'");
  assert.deepEqual(us.rows, [{ year: 2018, pair_papers: '1' }]);
  const unordered = await queryDatabase(file, "SELECT count(DISTINCT paper_id) AS n FROM country_pairs WHERE pair='CN-US'");
  assert.deepEqual(unordered.rows, [{ n: '1' }]);
  const fields = await queryDatabase(file, "SELECT field, primary_field_papers, share_of_papers FROM field_shares WHERE venue='NeurIPS'");
  assert.deepEqual(fields.rows, [{ field: 'vision', primary_field_papers: '2', share_of_papers: 1 }]);
});

test('sql --format table rounds fractions and puts the row count after the table', () => {
  const text = formatRows(['year', 'share_of_papers'], [{ year: 2018, share_of_papers: 0.055500000000000001 }, { year: 2019, share_of_papers: 1 / 3 }], 'table');
  assert.equal(text, ['year  share_of_papers', '----  ---------------', '2018           0.0555', '2019           0.3333', '(2 rows)'].join('\n'));
  assert.equal(formatRows(['n'], [{ n: 1 / 3 }], 'csv'), `n\n${1 / 3}`);
  assert.equal(formatRows(['n'], [], 'table'), 'n\n-\n(0 rows)');
});

test('re-ingesting a venue-year replaces just that slice', async () => {
  const file = dbFile();
  await ingestPapers(file, [paper('a', 'NeurIPS', 2018, ['US', 'CN']), paper('c', 'ICML', 2019, ['CN'])], DEFAULT_DEFINITIONS);
  await ingestPapers(file, [paper('a', 'NeurIPS', 2018, ['US'], 'new title'), paper('d', 'NeurIPS', 2018, ['FR'])], DEFAULT_DEFINITIONS);
  const rows = await queryDatabase(file, 'SELECT id, title FROM papers ORDER BY id');
  assert.deepEqual(rows.rows, [{ id: 'a', title: 'new title' }, { id: 'c', title: 'c' }, { id: 'd', title: 'd' }]);
  const affiliations = await queryDatabase(file, "SELECT count(*) AS n FROM affiliations WHERE slice = 'NeurIPS 2018'");
  assert.equal(affiliations.rows[0].n, '2');
});

test('a failed ingest leaves the previous slice intact', async () => {
  const file = dbFile();
  await ingestPapers(file, [paper('a', 'NeurIPS', 2018, ['US', 'CN'])], DEFAULT_DEFINITIONS);
  await assert.rejects(ingestPapers(file, [paper('x', 'NeurIPS', 2018, ['US']), paper('x', 'NeurIPS', 2018, ['CN'])], DEFAULT_DEFINITIONS));
  const rows = await queryDatabase(file, 'SELECT id FROM papers');
  assert.deepEqual(rows.rows, [{ id: 'a' }]);
});

test('sql is read-only; export writes one Parquet file per table', async () => {
  const file = dbFile();
  await ingestPapers(file, [paper('a', 'NeurIPS', 2018, ['US', 'CN'])], DEFAULT_DEFINITIONS);
  await assert.rejects(queryDatabase(file, 'DELETE FROM papers'), /query failed/);
  const dir = join(mkdtempSync(join(tmpdir(), 'collabscope-parquet-')), 'out');
  const written = await exportParquet(file, dir);
  assert.equal(written.length, TABLES.length);
  assert.ok(written.every((p) => existsSync(p)));
  // `sql` may not read other files (see test/safety/sql.test.ts): read the Parquet file with a plain DuckDB
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const back = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(dir, 'papers.parquet')}')`);
  assert.equal(back.getRowObjectsJson()[0].n, 1);
  connection.closeSync();
});
