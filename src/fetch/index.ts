// The fetch sources by name, `fetchSource` (fetch one venue-year and write it where asked), and the
// `<source>:<year>` specs that `analyze` accepts in place of files (fetched, or reused from the cache).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CollabscopeError } from '../errors.js';
import { cacheDir as defaultCacheDir } from '../home.js';
import { HttpClient, writeAtomic, type FetchProgress, type HttpClientOptions } from './http.js';
import { shortVenue, venueDisplayName, type FetchContext, type FetchResult } from './common.js';
import { SIDECAR_SUFFIX } from '../sources/common.js';
import { fetchNeurips, neuripsFileName } from './neurips.js';
import { fetchOpenReview, openReviewFileName } from './openreview.js';
import { fetchOpenAlex, openAlexFileName } from './openalex.js';
import { fetchPaperCopilot, paperCopilotFolder } from './papercopilot.js';
import { terminalFetchProgress } from './progress.js';
import { assertFetchTarget } from './out-guard.js';

import { FETCH_SOURCES, type SourceName } from '../defaults.js';
export { FETCH_SOURCES, type SourceName };

const FETCHERS: Record<SourceName, (ctx: FetchContext) => Promise<FetchResult>> = {
  neurips: fetchNeurips,
  openreview: fetchOpenReview,
  openalex: fetchOpenAlex,
  papercopilot: fetchPaperCopilot,
};

/** Polite request rates per source host (OpenAlex allows 10/s; OpenReview throttles bursts). */
const POLITE_INTERVAL_MS: Record<SourceName, number> = { neurips: 0, openreview: 250, openalex: 120, papercopilot: 0 };

export function parseSource(name: string): SourceName {
  const lower = name.trim().toLowerCase();
  if ((FETCH_SOURCES as readonly string[]).includes(lower)) return lower as SourceName;
  throw new CollabscopeError('E_BAD_ARGUMENT', `unknown source "${name}" (expected ${FETCH_SOURCES.join(', ')})`);
}

export interface FetchOptions {
  source: SourceName;
  year: number;
  venue?: string;
  venueIds?: string[];
  openalexSource?: string | null;
  baseUrl?: string | null;
  cacheDir?: string;
  offline?: boolean;
  refresh?: boolean;
  /** Where to write; a directory gets the source's own file name. Default: the current directory. */
  out?: string;
  /** `out` is in collabscope's own cache: replace whatever is there (else only a file fetch wrote). */
  ownTarget?: boolean;
  progress?: FetchProgress;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** What else the command can do when the network fails (added to the message). */
  alternative?: string;
  /** Test hooks: a client to use, page sizes. */
  client?: HttpClient;
  pageSize?: number;
}

export interface FetchOutcome extends Omit<FetchResult, 'data'> {
  path: string;
  bytes: number;
}

export function defaultFileName(source: SourceName, venue: string | undefined, year: number): string {
  switch (source) {
    case 'neurips':
      return neuripsFileName(year);
    case 'openreview':
      return openReviewFileName(venue ?? 'neurips', year);
    case 'openalex':
      return openAlexFileName(venue ?? 'neurips', year);
    case 'papercopilot': {
      const folder = paperCopilotFolder(venue ?? 'neurips');
      return `${folder}${year}.json`;
    }
  }
}

export function createClient(options: Partial<HttpClientOptions> & { source?: SourceName; env?: NodeJS.ProcessEnv } = {}): HttpClient {
  const env = options.env ?? process.env;
  return new HttpClient({
    ...options,
    cacheDir: options.cacheDir ?? (env.COLLABSCOPE_CACHE_DIR?.trim() || defaultCacheDir(env)),
    progress: options.progress ?? terminalFetchProgress(),
    minIntervalMs: options.minIntervalMs ?? (options.source ? POLITE_INTERVAL_MS[options.source] : 0),
  });
}

/** Fetches one venue-year from a source and writes it (atomically) to `out`. */
export async function fetchSource(options: FetchOptions): Promise<FetchOutcome> {
  if (options.source === 'neurips' && options.venue && shortVenue(options.venue) !== 'neurips') {
    throw new CollabscopeError('E_BAD_ARGUMENT', 'the neurips source has NeurIPS only; use papercopilot, openreview or openalex for other venues');
  }
  const out = options.out ?? '.';
  const target = (fileName: string) => (/[\\/]$/.test(out) || isDirectory(out) ? join(out, fileName) : out);
  // before the download (from the name the source will give), and again with the name it gave
  if (!options.ownTarget) assertFetchTarget(target(defaultFileName(options.source, options.venue, options.year)));
  const client =
    options.client ??
    createClient({ cacheDir: options.cacheDir, offline: options.offline, refresh: options.refresh, progress: options.progress, signal: options.signal, source: options.source, env: options.env, alternative: options.alternative });
  const ctx: FetchContext = {
    client,
    year: options.year,
    venue: options.venue,
    venueIds: options.venueIds,
    openalexSource: options.openalexSource,
    baseUrl: options.baseUrl,
    env: options.env,
    pageSize: options.pageSize,
  };
  try {
    const result = await FETCHERS[options.source](ctx);
    const path = target(result.fileName);
    if (!options.ownTarget) assertFetchTarget(path);
    writeAtomic(path, result.data);
    // The venue and year travel with the file, so `analyze` needs no flags whatever it is called.
    const meta = { venue: venueDisplayName(shortVenue(options.venue)), year: options.year, source: options.source };
    writeAtomic(`${path}${SIDECAR_SUFFIX}`, `${JSON.stringify(meta)}\n`);
    const { data, ...rest } = result;
    return { ...rest, path: resolve(path), bytes: Buffer.byteLength(data) };
  } finally {
    client.cleanup();
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// --- specs: `analyze neurips:2025` ---

export interface Spec {
  source: SourceName;
  year: number;
  venue: string;
  venueIds?: string[];
}

/**
 * `<source>:<year>` (NeurIPS), `<source>:<venue>:<year>` (another venue: papercopilot:iclr:2025), or
 * `openreview:<venue id>` (openreview:NeurIPS.cc/2025/Conference). Null when the text is not a spec.
 */
export function parseSpec(input: string): Spec | null {
  const match = /^([a-z]+):(.+)$/i.exec(input.trim());
  if (!match || !(FETCH_SOURCES as readonly string[]).includes(match[1].toLowerCase())) return null;
  const source = match[1].toLowerCase() as SourceName;
  const rest = match[2];
  if (/^(19|20)\d\d$/.test(rest)) return { source, year: Number(rest), venue: 'neurips' };
  const withVenue = /^([a-z][a-z0-9]*):((?:19|20)\d\d)$/i.exec(rest);
  if (withVenue) return { source, year: Number(withVenue[2]), venue: shortVenue(withVenue[1]) };
  if (source === 'openreview' && rest.includes('/')) {
    const year = rest.split('/').find((p) => /^(19|20)\d\d$/.test(p));
    if (year) return { source, year: Number(year), venue: shortVenue(rest.split('/')[0].replace(/\.(cc|org|com|net)$/i, '')), venueIds: [rest] };
  }
  throw new CollabscopeError(
    'E_BAD_ARGUMENT',
    `"${input}": a source spec is <source>:<year> or <source>:<venue>:<year> (e.g. neurips:2025, papercopilot:iclr:2024, openreview:NeurIPS.cc/2025/Conference)`,
  );
}

export interface ResolveOptions {
  offline?: boolean;
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  progress?: FetchProgress;
  signal?: AbortSignal;
  /** Test hook. */
  client?: HttpClient;
}

/** Where fetched specs are kept: `<cache>/data/<source>/<file>`. */
export function specPath(spec: Spec, cacheDir: string): string {
  const name = spec.venueIds?.length ? `${spec.venueIds[0].replace(/[^A-Za-z0-9._-]+/g, '_')}-openreview.jsonl` : defaultFileName(spec.source, spec.venue, spec.year);
  return join(cacheDir, 'data', spec.source, name);
}

/**
 * Turns each input that is a spec (and not an existing file) into a local file: fetched through the
 * cache, or the copy from an earlier fetch when offline. Base URLs for mirrors and tests come from
 * COLLABSCOPE_<SOURCE>_BASE_URL; COLLABSCOPE_OFFLINE=1 is the same as offline.
 */
export async function resolveInputs(inputs: string[], options: ResolveOptions = {}): Promise<string[]> {
  const env = options.env ?? process.env;
  const offline = options.offline ?? /^(1|true|yes)$/i.test(env.COLLABSCOPE_OFFLINE ?? '');
  const cacheDir = options.cacheDir ?? (env.COLLABSCOPE_CACHE_DIR?.trim() || defaultCacheDir(env));
  const paths: string[] = [];
  for (const input of inputs) {
    const spec = existsSync(input) ? null : parseSpec(input);
    if (!spec) {
      paths.push(input);
      continue;
    }
    const path = specPath(spec, cacheDir);
    if (offline && existsSync(path)) {
      paths.push(path);
      continue;
    }
    const outcome = await fetchSource({
      source: spec.source,
      year: spec.year,
      venue: spec.venue,
      venueIds: spec.venueIds,
      baseUrl: env[`COLLABSCOPE_${spec.source.toUpperCase()}_BASE_URL`]?.trim() || null,
      cacheDir,
      offline,
      out: path,
      ownTarget: true,
      progress: options.progress,
      env,
      signal: options.signal,
      client: options.client,
      alternative: 'or pass a downloaded file instead of the spec',
    });
    paths.push(outcome.path);
  }
  return paths;
}
