// `collabscope fetch <source> --year YYYY`: download a venue-year from a public source into a file that
// `analyze` reads. `collabscope kb update`: download the newest ROR dump and import it.
import type { Command } from 'commander';
import { CollabscopeError } from '../../errors.js';
import { addQuietOption, parseYear } from '../options.js';
import type { FetchProgress } from '../../fetch/http.js';
import { FETCH_SOURCES } from '../../defaults.js';
import { print, printErr } from '../print.js';

export interface NetworkFlags {
  baseUrl?: string;
  cacheDir?: string;
  offline?: boolean;
  refresh?: boolean;
  retries?: string;
  timeout?: string;
  maxBytes?: string;
  quiet?: boolean;
}

/** --quiet: no download bars and no retry or wait notes. */
export const QUIET_FETCH_PROGRESS: FetchProgress = { start() {}, update() {}, note() {}, stop() {} };

interface FetchFlags extends NetworkFlags {
  year: string;
  venue?: string;
  venueId?: string[];
  openalexSource?: string;
  out?: string;
}

/** The options every networked command shares. */
export function addNetworkOptions(command: Command): Command {
  command
    .option('--base-url <url>', "replace the source's scheme and host (a mirror, a test server); paths stay the real ones")
    .option('--cache-dir <dir>', 'HTTP cache folder (default: $COLLABSCOPE_HOME/cache, else ~/.collabscope/cache)')
    .option('--offline', 'no network: answer from the cache only')
    .option('--refresh', 'revalidate every cached response, even API pages fetched within the last day')
    .option('--retries <n>', 'retries after a failed request (429, 5xx, timeouts, cut-off answers)', '5')
    .option('--timeout <seconds>', 'give up on one request (headers and body) after this long', '120')
    .option('--max-bytes <size>', 'largest answer accepted, in bytes or with K, M, G (binary units)', '256M');
  return addQuietOption(command);
}

export function clientOptions(flags: NetworkFlags) {
  const retries = Number(flags.retries ?? 5);
  const timeout = Number(flags.timeout ?? 120);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20) throw new CollabscopeError('E_BAD_ARGUMENT', `--retries must be a whole number from 0 to 20 (got "${flags.retries}")`);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new CollabscopeError('E_BAD_ARGUMENT', `--timeout must be a positive number of seconds (got "${flags.timeout}")`);
  if (timeout > 86_400) throw new CollabscopeError('E_BAD_ARGUMENT', `--timeout must be at most 86400 seconds (got "${flags.timeout}")`);
  return {
    cacheDir: flags.cacheDir,
    offline: flags.offline,
    refresh: flags.refresh,
    retries,
    timeoutMs: timeout * 1000,
    maxBytes: parseByteSize(flags.maxBytes ?? '256M'),
    ...(flags.quiet ? { progress: QUIET_FETCH_PROGRESS } : {}),
  };
}

/** "1048576", "512K", "256M", "1G" (binary units) -> bytes. */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$/i.exec(text);
  const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(match?.[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G'];
  const bytes = match ? Math.floor(Number(match[1]) * scale) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1 || bytes > 64 * 1024 ** 3) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--max-bytes must be a size such as 1048576, 512K, 256M or 2G, at most 64G (got "${text}")`);
  }
  return bytes;
}

/** Runs work that Ctrl-C may interrupt: the signal aborts requests under way; caches stay consistent. */
export async function interruptible<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export function registerFetch(program: Command): void {
  const command = program
    .command('fetch')
    .summary('download a venue-year from NeurIPS, OpenReview, OpenAlex or Paper Copilot')
    .description(
      'Download the accepted papers of a venue-year from a public source into a file `analyze` reads:\n\n' +
        '  neurips       NeurIPS virtual-site data (neurips-YYYY-orals-posters.json)\n' +
        '  openreview    OpenReview API v2 notes + author profiles -> JSONL, with\n' +
        '                the affiliations valid that year\n' +
        '  openalex      OpenAlex works of the venue with institutions and country\n' +
        '                codes -> JSONL\n' +
        '  papercopilot  a Paper Copilot list of papercopilot/paperlists\n' +
        '                (nips/nipsYYYY.json, as served)\n\n' +
        'Responses are cached (ETag/Last-Modified revalidation); --offline reads the cache only. ' +
        'OpenReview credentials (optional): OPENREVIEW_TOKEN, or OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD. ' +
        'OpenAlex (optional): OPENALEX_API_KEY, OPENALEX_MAILTO.',
    )
    .argument('<source>', `one of ${FETCH_SOURCES.join(', ')}`)
    .requiredOption('--year <yyyy>', 'conference year')
    .option('--venue <name>', 'venue short name for papercopilot, openreview, openalex (neurips, iclr, icml...)', 'neurips')
    .option('--venue-id <id...>', 'OpenReview venue ids (default: NeurIPS.cc/YYYY/Conference and .../Datasets_and_Benchmarks_Track)')
    .option('--openalex-source <id>', 'OpenAlex source id of the venue (default for NeurIPS: S4306420609)')
    .option('-o, --out <file>', "output file or folder (default: the source's file name in the current folder)");
  addNetworkOptions(command);
  command.action(async (sourceName: string, flags: FetchFlags) => {
    const { createClient, fetchSource, parseSource } = await import('../../fetch/index.js');
    const source = parseSource(sourceName);
    const year = parseYear(flags.year);
    const outcome = await interruptible((signal) =>
      fetchSource({
        source,
        year,
        venue: flags.venue,
        venueIds: flags.venueId,
        openalexSource: flags.openalexSource,
        baseUrl: flags.baseUrl,
        out: flags.out,
        signal,
        client: createClient({ ...clientOptions(flags), source, signal }),
      }),
    );
    print(`wrote ${outcome.path} (${outcome.papers} papers from ${outcome.records} records, ${outcome.bytes} bytes)\n`);
    for (const note of outcome.notes) print(`  ${note}\n`);
    print(`next: collabscope analyze ${/[\s'"$]/.test(outcome.path) ? JSON.stringify(outcome.path) : outcome.path}\n`);
  });
}

/** `kb update`: added to the `kb` command of the knowledge-base commands, or a new one if none yet. */
export function registerKbUpdate(program: Command): void {
  const kb = program.commands.find((c) => c.name() === 'kb') ?? program.command('kb').summary('manage the institution knowledge base');
  const command = kb
    .command('update')
    .summary('download the newest ROR data dump and import it into the user knowledge base')
    .description(
      'Find the newest ROR (Research Organization Registry) data dump in the ror-data community on Zenodo, ' +
        'download the zip (cached, MD5 checked), extract its v2-schema JSON and import it into the user ' +
        'knowledge base ($COLLABSCOPE_HOME/kb), for worldwide institution coverage.',
    );
  addNetworkOptions(command);
  command.action(async (flags: NetworkFlags) => {
    const [{ createClient }, { downloadRorDump }, { importRorDump }] = await Promise.all([import('../../fetch/index.js'), import('../../fetch/ror.js'), import('../../kb/ror.js')]);
    const { release, jsonPath } = await interruptible((signal) =>
      downloadRorDump({ client: createClient({ ...clientOptions(flags), signal, minIntervalMs: 0 }), baseUrl: flags.baseUrl }),
    );
    if (!flags.quiet) printErr(`ROR ${release.version ?? release.fileName}${release.published ? ` (${release.published})` : ''}: importing ${jsonPath}\n`);
    print(`${importRorDump(jsonPath)} (ROR ${release.version ?? release.fileName})\n`);
  });
}
