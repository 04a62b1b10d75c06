import { Option, type Command } from 'commander';
import { requireLazily } from '../../lazy-module.js';
import { DEFAULT_DB_FILE } from '../../defaults.js';
import { textTable } from '../../report/text-table.js';
import { CollabscopeError } from '../../errors.js';
import { print } from '../print.js';

export function registerSql(program: Command): void {
  program
    .command('sql')
    .summary('run a read-only SQL query against the analysis database')
    .description(
      'Run one SQL query (read-only) against a database written by `analyze --db`, and print the result. ' +
        'Tables: papers, authorships, affiliations, institutions, fields, technologies, ingests. ' +
        'Views: paper_countries, country_pairs, papers_by_venue_year, collaboration_by_venue_year, ' +
        'country_papers_by_year, field_shares, unresolved_strings. Pair views hold both orders of a pair ' +
        "and an unordered pair column: WHERE country_a='US' AND country_b='CN' and WHERE pair='CN-US' both work.",
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

/** csv-stringify only for --format csv. */
const csv = requireLazily<typeof import('csv-stringify/sync')>('csv-stringify/sync', import.meta.url);

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv') return csv().stringify([columns, ...rows.map((row) => columns.map((c) => cellText(row[c])))]).trimEnd();
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
    .summary('export the database as Parquet, or a run\'s co-authorship network for VOSviewer or Gephi')
    .description(
      'With --parquet DIR: write every table of the database as a Parquet file into DIR, for Spark, Trino or ' +
        'BigQuery (see README "Outgrowing one machine"). With --network FILE: write the institution (or, with ' +
        '--level country, the country) co-authorship network of an analyze run as VOSviewer JSON (FILE.json) ' +
        'or GraphML for Gephi (FILE.graphml). Node weights are papers under full and fractional counting; the ' +
        'link strength follows --counting, and GraphML edges carry both.',
    )
    .option('--parquet <dir>', 'directory to write the Parquet files into')
    .option('--db <file>', 'database file (with --parquet)', DEFAULT_DB_FILE)
    .option('--network <file>', 'co-authorship network file: .json (VOSviewer) or .graphml (Gephi)')
    .option('--from <dir>', 'output directory of the analyze run (with --network)', 'collabscope-out')
    .addOption(new Option('--level <level>', 'network nodes').choices(['institution', 'country']).default('institution'))
    .addOption(new Option('--counting <counting>', 'link strength: papers (full) or author shares (fractional)').choices(['full', 'fractional']).default('full'))
    .addOption(new Option('--network-format <format>', 'file format (default: from the extension)').choices(['vosviewer', 'graphml']))
    .option('--pair-only', "only the papers of the run's country pair")
    .action(async (flags: ExportFlags) => {
      if (!flags.parquet && !flags.network) throw new CollabscopeError('E_BAD_ARGUMENT', 'export needs --parquet DIR or --network FILE');
      if (flags.network) {
        const { exportNetwork } = await import('../../report/network-files.js');
        const r = exportNetwork(flags.from, flags.network, { level: flags.level, counting: flags.counting, pairOnly: flags.pairOnly === true, format: flags.networkFormat });
        print(`wrote ${r.file} (${r.format}: ${r.nodes} ${flags.level === 'country' ? 'countries' : 'institutions'}, ${r.links} links, from ${r.papers} papers; ${flags.counting} counting)\n`);
      }
      if (flags.parquet) {
        const { exportParquet } = await import('../../store/duckdb.js');
        const written = await exportParquet(flags.db, flags.parquet);
        print(`${written.map((p) => `wrote ${p}`).join('\n')}\n`);
      }
    });
}

interface ExportFlags {
  parquet?: string;
  db: string;
  network?: string;
  from: string;
  level: 'institution' | 'country';
  counting: 'full' | 'fractional';
  networkFormat?: 'vosviewer' | 'graphml';
  pairOnly?: boolean;
}
