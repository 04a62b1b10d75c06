// The embedded analytical store: analyses written into DuckDB tables, one venue-year slice at a time.
// Re-ingesting a slice replaces just that slice inside one transaction, so an interrupted run loses nothing.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance, LIST, VARCHAR, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { CollabscopeError } from '../errors.js';
import type { Definitions, Paper } from '../types.js';
import { loadOrganisations, type OrganisationGraph } from '../kb/organisations.js';
import { ORGANISATION_SCHEMA, writeOrganisationLinks } from './organisations.js';

import { DEFAULT_DB_FILE } from '../defaults.js';
import { allAffiliations } from '../definitions.js';
export { DEFAULT_DB_FILE };

export const TABLES = ['papers', 'authorships', 'affiliations', 'institutions', 'fields', 'technologies', 'ingests', 'organisation_links'] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS papers (
  slice VARCHAR NOT NULL, id VARCHAR PRIMARY KEY, venue VARCHAR NOT NULL, year INTEGER NOT NULL,
  title VARCHAR, track VARCHAR, status VARCHAR, topic VARCHAR, url VARCHAR,
  source_file VARCHAR, source_index INTEGER, countries VARCHAR[], primary_field VARCHAR, authors INTEGER);
CREATE TABLE IF NOT EXISTS authorships (
  slice VARCHAR NOT NULL, paper_id VARCHAR NOT NULL, author_position INTEGER NOT NULL, author_name VARCHAR, email_domain VARCHAR);
CREATE TABLE IF NOT EXISTS affiliations (
  slice VARCHAR NOT NULL, paper_id VARCHAR NOT NULL, author_position INTEGER NOT NULL, affiliation_position INTEGER NOT NULL,
  raw VARCHAR, institution VARCHAR, institution_id VARCHAR, country VARCHAR, hq_country VARCHAR, sector VARCHAR,
  confidence DOUBLE, method VARCHAR, evidence VARCHAR);
CREATE TABLE IF NOT EXISTS institutions (
  institution_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, hq_country VARCHAR, sector VARCHAR);
CREATE TABLE IF NOT EXISTS fields (
  slice VARCHAR NOT NULL, paper_id VARCHAR NOT NULL, field VARCHAR NOT NULL, rank INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS technologies (
  slice VARCHAR NOT NULL, paper_id VARCHAR NOT NULL, technology_id VARCHAR NOT NULL, name VARCHAR,
  origin_organization VARCHAR, origin_country VARCHAR, matched VARCHAR, usage VARCHAR);
ALTER TABLE technologies ADD COLUMN IF NOT EXISTS usage VARCHAR;
CREATE TABLE IF NOT EXISTS ingests (
  slice VARCHAR PRIMARY KEY, venue VARCHAR, year INTEGER, papers INTEGER, ingested_at TIMESTAMP, definitions VARCHAR);

CREATE OR REPLACE VIEW paper_countries AS
  SELECT p.id AS paper_id, p.venue, p.year, unnest(p.countries) AS country FROM papers p;
CREATE OR REPLACE VIEW country_pairs AS
  SELECT a.paper_id, a.venue, a.year, a.country AS country_a, b.country AS country_b,
    least(a.country, b.country) || '-' || greatest(a.country, b.country) AS pair
  FROM paper_countries a JOIN paper_countries b ON a.paper_id = b.paper_id AND a.country <> b.country;
CREATE OR REPLACE VIEW papers_by_venue_year AS
  SELECT venue, year, count(*) AS papers FROM papers GROUP BY venue, year;
CREATE OR REPLACE VIEW collaboration_by_venue_year AS
  SELECT c.venue, c.year, c.country_a, c.country_b, any_value(c.pair) AS pair, count(*) AS pair_papers,
    any_value(t.papers) AS venue_year_papers, count(*) / any_value(t.papers) AS share_of_papers
  FROM country_pairs c JOIN papers_by_venue_year t USING (venue, year)
  GROUP BY c.venue, c.year, c.country_a, c.country_b;
CREATE OR REPLACE VIEW country_papers_by_year AS
  SELECT venue, year, country, count(*) AS country_papers FROM paper_countries GROUP BY venue, year, country;
CREATE OR REPLACE VIEW field_shares AS
  SELECT p.venue, p.year, f.field, count(*) AS primary_field_papers, count(*) / any_value(t.papers) AS share_of_papers
  FROM fields f JOIN papers p ON p.id = f.paper_id JOIN papers_by_venue_year t ON t.venue = p.venue AND t.year = p.year
  WHERE f.rank = 0 GROUP BY p.venue, p.year, f.field;
CREATE OR REPLACE VIEW unresolved_strings AS
  SELECT raw, count(*) AS occurrences FROM affiliations WHERE country IS NULL AND raw <> ''
  GROUP BY raw ORDER BY occurrences DESC;
`;

export function sliceOf(paper: Pick<Paper, 'venue' | 'year'>): string {
  return `${paper.venue} ${paper.year}`;
}

/**
 * How a database is opened. 'query' and 'write' are sandboxed: no file but the database itself can be
 * read or written (no COPY, EXPORT, read_text, ATTACH, URLs), extensions neither install nor load, and
 * the configuration is locked so a query cannot undo this. 'export' is read-only but may write files
 * (for our own COPY ... TO of `export --parquet`).
 */
type OpenMode = 'query' | 'write' | 'export';

const SANDBOX = {
  enable_external_access: 'false',
  autoload_known_extensions: 'false',
  autoinstall_known_extensions: 'false',
  lock_configuration: 'true',
} as const;

function openOptions(mode: OpenMode): Record<string, string> {
  if (mode === 'export') return { access_mode: 'READ_ONLY', autoload_known_extensions: 'false', autoinstall_known_extensions: 'false' };
  return { ...(mode === 'query' ? { access_mode: 'READ_ONLY' } : {}), ...SANDBOX };
}

const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

/** Closes the connection and its instance, which releases the file (and its lock) at once. */
function closeDatabase(connection: DuckDBConnection): void {
  connection.closeSync();
  instances.get(connection)?.closeSync();
}

async function openDatabase(file: string, mode: OpenMode): Promise<DuckDBConnection> {
  try {
    if (mode !== 'write' && !existsSync(file)) throw new Error('no such file; write one with `collabscope analyze ... --db`');
    if (existsSync(file) && statSync(file).isDirectory()) throw new Error('is a directory');
    if (mode === 'write') mkdirSync(dirname(resolve(file)), { recursive: true });
    const instance = await DuckDBInstance.create(file, openOptions(mode));
    const connection = await instance.connect();
    instances.set(connection, instance);
    return connection;
  } catch (error) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `${file}: cannot open the database (${firstLine(error)})`);
  }
}

/**
 * Writes the papers into the database: for each venue-year slice present, the slice's old rows are
 * deleted and the new ones inserted, all in one transaction.
 */
export async function ingestPapers(
  file: string,
  papers: Paper[],
  definitions: Definitions,
  organisations: OrganisationGraph = loadOrganisations(),
): Promise<{ slices: string[] }> {
  const pending = await prepareIngest(file, papers, definitions, organisations);
  await pending.commit();
  return { slices: pending.slices };
}

/** An ingest done but not committed: `commit` makes it durable, `rollback` leaves the database as it was. */
export interface PendingIngest {
  slices: string[];
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Does the whole ingest inside one open transaction, so that it can be committed together with
 * another change (the output directory of `analyze --db`). A database file this call created is
 * removed again on rollback.
 */
export async function prepareIngest(
  file: string,
  papers: Paper[],
  definitions: Definitions,
  organisations: OrganisationGraph = loadOrganisations(),
): Promise<PendingIngest> {
  const created = !existsSync(file);
  const connection = await openDatabase(file, 'write');
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeDatabase(connection);
    if (created) for (const path of [file, `${file}.wal`]) rmSync(path, { force: true });
  };
  const bySlice = new Map<string, Paper[]>();
  for (const paper of papers) {
    const slice = sliceOf(paper);
    const group = bySlice.get(slice);
    if (group) group.push(paper);
    else bySlice.set(slice, [paper]);
  }
  try {
    await connection.run('BEGIN TRANSACTION');
    await connection.run(SCHEMA);
    await connection.run(ORGANISATION_SCHEMA);
    for (const [slice, slicePapers] of bySlice) await replaceSlice(connection, slice, slicePapers, definitions, organisations);
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    close();
    throw new CollabscopeError('E_BAD_ARGUMENT', `${file}: cannot write the database (${firstLine(error)})`);
  }
  return {
    slices: [...bySlice.keys()],
    async commit() {
      try {
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        close();
        throw new CollabscopeError('E_BAD_ARGUMENT', `${file}: cannot write the database (${firstLine(error)})`);
      }
      open = false;
      closeDatabase(connection);
    },
    async rollback() {
      if (!open) return;
      await connection.run('ROLLBACK').catch(() => undefined);
      close();
    },
  };
}

async function replaceSlice(connection: DuckDBConnection, slice: string, papers: Paper[], definitions: Definitions, organisations: OrganisationGraph): Promise<void> {
  for (const table of ['papers', 'authorships', 'affiliations', 'fields', 'technologies', 'ingests']) {
    const prepared = await connection.prepare(`DELETE FROM ${table} WHERE slice = $1`);
    prepared.bindVarchar(1, slice);
    await prepared.run();
  }
  await appendRows(connection, papers);
  await upsertInstitutions(connection, papers);
  await writeOrganisationLinks(connection, papers, organisations);
  const ingest = await connection.prepare('INSERT INTO ingests VALUES ($1, $2, $3, $4, current_timestamp, $5)');
  ingest.bindVarchar(1, slice);
  ingest.bindVarchar(2, papers[0].venue);
  ingest.bindInteger(3, papers[0].year);
  ingest.bindInteger(4, papers.length);
  ingest.bindVarchar(5, JSON.stringify(definitions));
  await ingest.run();
}

/** `affiliations.author_position` of an affiliation no author holds (Paper.unattributed). */
export const UNATTRIBUTED_POSITION = -1;

async function appendRows(connection: DuckDBConnection, papers: Paper[]): Promise<void> {
  const appenders = {
    papers: await connection.createAppender('papers'),
    authorships: await connection.createAppender('authorships'),
    affiliations: await connection.createAppender('affiliations'),
    fields: await connection.createAppender('fields'),
    technologies: await connection.createAppender('technologies'),
  };
  for (const paper of papers) {
    const slice = sliceOf(paper);
    row(appenders.papers, [slice, paper.id, paper.venue, paper.year, paper.title, paper.track, paper.status, paper.topic, paper.url, paper.source.file, paper.source.index, paper.countries, paper.fields[0] ?? null, paper.authors.length]);
    paper.authors.forEach((author, a) => {
      row(appenders.authorships, [slice, paper.id, a, author.name, author.emailDomain ?? null]);
      author.affiliations.forEach((f, i) =>
        row(appenders.affiliations, [slice, paper.id, a, i, f.raw, f.institution, f.institutionId, f.country, f.hqCountry, f.sector, f.confidence, f.method, f.evidence.join(' | ')]),
      );
    });
    // the paper's affiliations no author holds (slots past the last author): author_position -1, no authorship row
    paper.unattributed?.forEach((f, i) =>
      row(appenders.affiliations, [slice, paper.id, UNATTRIBUTED_POSITION, i, f.raw, f.institution, f.institutionId, f.country, f.hqCountry, f.sector, f.confidence, f.method, f.evidence.join(' | ')]),
    );
    paper.fields.forEach((field, rank) => row(appenders.fields, [slice, paper.id, field, rank]));
    for (const t of paper.technologies) {
      row(appenders.technologies, [slice, paper.id, t.id, t.name, t.origin.organization, t.origin.country, t.matched.join(' | '), t.use ?? 'used']);
    }
  }
  for (const appender of Object.values(appenders)) appender.closeSync();
}

type CellValue = string | number | null | string[];
const VARCHAR_LIST = LIST(VARCHAR);

function row(appender: DuckDBAppender, values: CellValue[]): void {
  for (const value of values) {
    if (value === null) appender.appendNull();
    else if (Array.isArray(value)) appender.appendList(value, VARCHAR_LIST);
    else if (typeof value === 'number') {
      if (Number.isInteger(value)) appender.appendInteger(value);
      else appender.appendDouble(value);
    } else appender.appendVarchar(value);
  }
  appender.endRow();
}

async function upsertInstitutions(connection: DuckDBConnection, papers: Paper[]): Promise<void> {
  const seen = new Map<string, CellValue[]>();
  for (const paper of papers) {
    for (const f of allAffiliations(paper)) {
      if (f.institutionId && !seen.has(f.institutionId)) seen.set(f.institutionId, [f.institutionId, f.institution, f.country, f.hqCountry, f.sector]);
    }
  }
  if (seen.size === 0) return;
  await connection.run('CREATE TEMP TABLE IF NOT EXISTS new_institutions AS SELECT * FROM institutions LIMIT 0');
  await connection.run('DELETE FROM new_institutions');
  const appender = await connection.createAppender('new_institutions');
  for (const values of seen.values()) row(appender, values);
  appender.closeSync();
  await connection.run('INSERT OR REPLACE INTO institutions SELECT * FROM new_institutions');
}

export type ResultFormat = 'table' | 'csv' | 'json';

/** Runs one read-only query and returns its rows as JSON-safe objects plus column names. */
export async function queryDatabase(file: string, sql: string): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const connection = await openDatabase(file, 'query');
  try {
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
  } catch (error) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `query failed: ${firstLine(error)}`);
  } finally {
    closeDatabase(connection);
  }
}

/** Writes each table as Parquet into dir (for Spark, Trino, BigQuery). */
/** Key-value metadata in every Parquet file export writes: a later export knows the file is its own. */
const PARQUET_TAG = { key: 'generator', value: 'collabscope' };

export async function exportParquet(file: string, dir: string): Promise<string[]> {
  const connection = await openDatabase(file, 'export');
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CollabscopeError('E_OUTPUT', `--parquet ${dir}: exists and is not a directory; nothing was written`);
    const paths = TABLES.map((table) => ({ table, path: join(resolve(dir), `${table}.parquet`) }));
    // every target checked before the first is written: a refusal leaves the directory as it was
    for (const { table, path } of paths) {
      if (existsSync(path) && !(await isOurParquet(connection, path))) {
        throw new CollabscopeError('E_OUTPUT', `--parquet ${dir}: ${table}.parquet exists and was not written by collabscope; give another directory; nothing was written`);
      }
    }
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const { table, path } of paths) {
      await connection.run(`COPY ${table} TO '${sqlText(path)}' (FORMAT parquet, KV_METADATA {${PARQUET_TAG.key}: '${PARQUET_TAG.value}'})`);
      written.push(path);
    }
    return written;
  } finally {
    closeDatabase(connection);
  }
}

const sqlText = (text: string) => text.replace(/'/g, "''");

/** A Parquet file with our tag in its key-value metadata (anything else, Parquet or not, is the user's). */
async function isOurParquet(connection: DuckDBConnection, path: string): Promise<boolean> {
  if (!statSync(path).isFile()) return false;
  try {
    const reader = await connection.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${sqlText(path)}')`);
    return reader.getRowObjects().some((row) => row.key === PARQUET_TAG.key && row.value === PARQUET_TAG.value);
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}
