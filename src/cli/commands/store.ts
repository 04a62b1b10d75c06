import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_DB_FILE, exportParquet, queryDatabase } from '../../store/duckdb.js';
import { textTable } from '../../report/text-table.js';

export function registerSql(program: Command): void {
  program
    .command('sql')
    .summary('run a read-only SQL query against the analysis database')
    .description(
      'Run one SQL query (read-only) against a database written by `analyze --db`, and print the result.\n' +
        'Tables: papers, authorships, affiliations, institutions, fields, technologies, ingests.\n' +
        'Views: paper_countries, country_pairs, papers_by_venue_year, collaboration_by_venue_year,\n' +
        'country_papers_by_year, field_shares, unresolved_strings. Pair views hold both orders of a pair\n' +
        "and an unordered pair column: WHERE country_a='US' AND country_b='CN' and WHERE pair='CN-US' both work.",
    )
    .argument('<query>', 'the SQL query')
    .option('--db <file>', 'database file', DEFAULT_DB_FILE)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (query: string, flags: { db: string; format: 'table' | 'csv' | 'json' }) => {
      const { columns, rows } = await queryDatabase(flags.db, query);
      process.stdout.write(`${formatRows(columns, rows, flags.format)}\n`);
    });
}

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv') return stringify([columns, ...rows.map((row) => columns.map((c) => cellText(row[c])))]).trimEnd();
  const cells = rows.map((row) => columns.map((c) => cellText(row[c], true)));
  const count = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  if (columns.length === 0) return count;
  return `${textTable('', columns, cells).replace(/^\n/, '')}\n${count}`;
}

/** A cell as text; for the table, fractions are rounded to four decimals (csv and json keep every digit). */
function cellText(value: unknown, round = false): string {
  if (value === null || value === undefined) return '';
  if (round && typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toFixed(4)));
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
      const written = await exportParquet(flags.db, flags.parquet);
      process.stdout.write(`${written.map((p) => `wrote ${p}`).join('\n')}\n`);
    });
}
