// `collabscope compare DIR --with openalex`: where our country sets differ from OpenAlex's.
import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { parsePair } from '../../definitions.js';
import { addNetworkOptions, clientOptions, interruptible, type NetworkFlags } from './fetch.js';
import { print } from '../print.js';

interface CompareFlags extends NetworkFlags {
  with: string;
  openalexSource?: string[];
  pair: string;
  json?: boolean;
  limit: string;
}

/** "NeurIPS=S4306420609" pairs, or a bare id for every venue-year of the run. */
function parseSources(values: string[] | undefined): { byVenue: Record<string, string>; all: string | null } {
  const byVenue: Record<string, string> = {};
  let all: string | null = null;
  for (const value of values ?? []) {
    const match = /^(?:([A-Za-z][A-Za-z0-9 ]*)=)?(S\d+)$/i.exec(value.trim());
    if (!match) throw new CollabscopeError('E_BAD_ARGUMENT', `--openalex-source takes VENUE=S... or S... (got "${value}")`);
    if (match[1]) byVenue[match[1].replace(/\s+/g, '')] = match[2].toUpperCase();
    else all = match[2].toUpperCase();
  }
  return { byVenue, all };
}

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .summary("compare an analyze run's country sets with an independent source (OpenAlex)")
    .description(
      'Read DIR/papers.jsonl (the output of `analyze`), fetch OpenAlex works of the same venues and years, ' +
        'match papers by DOI or normalised title, and report how often the country sets agree, the papers ' +
        'where they differ (ours vs OpenAlex), and per-country differences.',
    )
    .argument('<dir>', 'output directory of an analyze run')
    .requiredOption('--with <source>', 'the source to compare with: openalex')
    .option('--openalex-source <id...>', 'OpenAlex source ids: VENUE=S... (NeurIPS is known: S4306420609), or S... for all')
    .option('-p, --pair <a,b>', 'also count papers with both countries on each side', 'US,CN')
    .option('--json', 'print the full report as JSON')
    .option('--limit <n>', 'how many differing papers and countries to list', '20');
  addNetworkOptions(command);
  command.action(async (dir: string, flags: CompareFlags) => {
    if (flags.with.trim().toLowerCase() !== 'openalex') {
      throw new CollabscopeError('E_BAD_ARGUMENT', `--with must be openalex (got "${flags.with}")`);
    }
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new CollabscopeError('E_BAD_ARGUMENT', `--limit must be a whole number (got "${flags.limit}")`);
    const pair = parsePair(flags.pair);
    const sources = parseSources(flags.openalexSource);
    const [{ createClient }, { compareWithOpenAlex, renderCompareText }] = await Promise.all([import('../../fetch/index.js'), import('../../fetch/compare.js')]);
    const report = await interruptible(async (signal) => {
      const client = createClient({ ...clientOptions(flags), source: 'openalex', signal });
      try {
        return await compareWithOpenAlex({
          dir,
          ctx: { client, baseUrl: flags.baseUrl },
          sources: sources.byVenue,
          defaultSource: sources.all,
          pair,
        });
      } finally {
        client.cleanup();
      }
    });
    print(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderCompareText(report, limit)}\n`);
  });
}
