import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_DB_FILE } from '../../defaults.js';
import { textTable } from '../../report/text-table.js';
import { print } from '../print.js';

export function registerSql(program: Command): void {
  program
    .command('sql')
    .summary('run a read-only SQL query against the analysis database')
    .description(
      'Run one SQL query (read-only) against a database written by `analyze --db`, and print the result.\n' +
        'Tables: papers, authorships, affiliations, institutions, fields, technologies, ingests.\n' +
        'Views: paper_countries, country_pairs, papers_by_venue_year, collaboration_by_venue_year,\n' +
        'country_papers_by_year, field_shares, unresolved_strings.',
    )
    .argument('<query>', 'the SQL query')
    .option('--db <file>', 'database file', DEFAULT_DB_FILE)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (query: string, flags: { db: string; format: 'table' | 'csv' | 'json' }) => {
      const { queryDatabase } = await import('../../store/duckdb.js');
      const { columns, rows } = await queryDatabase(flags.db, query);
      print(`${formatRows(columns, rows, flags.format)}\n`);
    });
}

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  if (format === 'csv') return stringify([columns, ...cells]).trimEnd();
  return `${textTable(`${rows.length} row${rows.length === 1 ? '' : 's'}`, columns, cells)}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .summary('export the analysis database as Parquet files')
    .description(
      'Write every table of the database as a Parquet file into DIR, for Spark, Trino or BigQuery\n' +
        '(see README "Outgrowing one machine").',
    )
    .requiredOption('--parquet <dir>', 'directory to write the Parquet files into')
    .option('--db <file>', 'database file', DEFAULT_DB_FILE)
    .action(async (flags: { parquet: string; db: string }) => {
      const { exportParquet } = await import('../../store/duckdb.js');
      const written = await exportParquet(flags.db, flags.parquet);
      print(`${written.map((p) => `wrote ${p}`).join('\n')}\n`);
    });
}
