// The one HTTP client every fetcher goes through: configurable base URL per source, an on-disk cache
// keyed by URL (ETag / Last-Modified revalidation, freshness windows for API pages, --offline), bounded
// retries with exponential backoff and jitter that honour Retry-After, per-host politeness, timeouts,
// and atomic writes (a temporary file renamed into place), so an interrupted run leaves nothing partial
// and the next run resumes from what is already in the cache.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { CollabscopeError } from '../errors.js';

/** What a long fetch reports: counts (bytes, items, pages) against a total when one is known. */
export interface FetchProgress {
  start(label: string, total: number | null, unit: ProgressUnit): void;
  update(value: number, total?: number | null): void;
  /** A passing remark (a retry, a wait); shown next to the bar on a terminal. */
  note(message: string): void;
  stop(): void;
}

export type ProgressUnit = 'bytes' | 'items' | 'pages' | 'requests';

export const SILENT_FETCH_PROGRESS: FetchProgress = { start() {}, update() {}, note() {}, stop() {} };

export interface HttpClientOptions {
  /** Cache root; responses are kept under `<cacheDir>/http/`. */
  cacheDir: string;
  /** Never touch the network: answer from the cache or fail naming the missing URL. */
  offline?: boolean;
  /** Ignore freshness windows: revalidate every cached response with the server. */
  refresh?: boolean;
  /** Whole-request limit for ordinary requests (AbortSignal.timeout). Default 120 s. */
  timeoutMs?: number;
  /** Whole-request limit for `download` (large files). Default 1 h. */
  downloadTimeoutMs?: number;
  /** No byte received for this long aborts the attempt. Default 30 s. */
  idleTimeoutMs?: number;
  /** A body larger than this fails the request (streamed to a temporary file, never held past it). Default 256 MiB. */
  maxBytes?: number;
  /** Retries after the first attempt, for 408/425/429/5xx, resets, timeouts, truncated bodies. Default 5. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails with the server's answer. */
  maxRetryAfterMs?: number;
  /** Minimum gap between two requests to one host (polite rate limiting), by host or for all. */
  minIntervalMs?: number | Record<string, number>;
  userAgent?: string;
  /** Added to "cannot reach" and offline-miss messages: what else the command can do (e.g. "or pass a file"). */
  alternative?: string;
  progress?: FetchProgress;
  /** Aborting it (Ctrl-C) stops the run; temporary files are removed, completed responses stay cached. */
  signal?: AbortSignal;
  /** Injectable for tests: no real waiting, deterministic jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A cached copy younger than this is used without asking the server (API pages). Default 0. */
  freshForMs?: number;
  /** A 404 answers null instead of failing (optional files). */
  allow404?: boolean;
  /** Keep the response out of the cache (credentials, one-off answers). */
  noCache?: boolean;
  method?: 'GET' | 'POST';
  body?: string;
}

export interface CachedResponse {
  body: Buffer;
  url: string;
  fromCache: boolean;
}

interface CacheMeta {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  fetchedAt: number;
  size: number;
  sha256: string;
}

/** Query parameters that are credentials: never part of a cache key, a file or a message. */
const SECRET_PARAMS = ['api_key', 'apikey', 'token', 'access_token', 'password'];
const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
/** Connection failures that can recover on another attempt (a reset or a timed-out socket); any other is final. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/** A failure worth another attempt; `retryAfterMs` when the server said how long to wait. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly kind: 'status' | 'network',
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

class IdleTimeout extends Error {}
class Deadline extends Error {}

/**
 * The default body cap: the largest venue file we know (a NeurIPS virtual-site file or a Paper
 * Copilot list, tens of MB; the ROR dump zip, about 30 MB) many times over, and under V8's longest
 * string (about 512 MiB) so that a JSON answer at the cap can still be parsed.
 */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** What one attempt got before it failed: a failure after the headers is a cut-off body. */
interface AttemptState {
  headers: boolean;
  received: number;
}

/**
 * Replaces the scheme and host of `url` with those of `baseUrl` (a mirror, a test server); the path
 * and query stay the real ones. A path in `baseUrl` is put in front (a mirror under a folder).
 */
export function rebase(url: string, baseUrl?: string | null): string {
  if (!baseUrl) return url;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--base-url must be an absolute URL such as http://127.0.0.1:8080 (got "${baseUrl}")`);
  }
  const target = new URL(url);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.protocol}//${base.host}${prefix}${target.pathname}${target.search}`;
}

/** The URL without credentials (user name, password, key parameters): what cache keys, cache files and messages use. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of SECRET_PARAMS) parsed.searchParams.delete(name);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Writes a file atomically (src/atomic-file.ts); a failure is one line. */
export const writeAtomic = (path: string, data: string | Buffer): void => writeFileAtomic(path, data, 'E_FILE_NOT_FOUND');

export class HttpClient {
  readonly cacheDir: string;
  readonly offline: boolean;
  readonly progress: FetchProgress;
  private readonly options: HttpClientOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly lastRequestAt = new Map<string, number>();
  private readonly temps = new Set<string>();
  /** Counts for reports and tests. */
  readonly stats = { requests: 0, network: 0, cacheHits: 0, revalidated: 0, retries: 0 };

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.cacheDir = options.cacheDir;
    this.offline = options.offline ?? false;
    this.progress = options.progress ?? SILENT_FETCH_PROGRESS;
    this.sleep = options.sleep ?? ((ms) => abortableSleep(ms, options.signal));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** The response body, from the cache or the network; null for an allowed 404. */
  async get(url: string, options: RequestOptions = {}): Promise<CachedResponse | null> {
    return this.request(url, options, null);
  }

  /**
   * Parsed JSON. The body is parsed before it is stored, so a malformed answer is never cached and
   * the next run asks again. `check` may reject a well-formed answer of the wrong shape the same way.
   */
  async getJson<T = unknown>(url: string, options: RequestOptions = {}, check?: (value: unknown) => string | null): Promise<T | null> {
    return (await this.getJsonResponse<T>(url, options, check))?.value ?? null;
  }

  /** Parsed JSON with the bytes as served (for files written out unchanged). */
  async getJsonResponse<T = unknown>(
    url: string,
    options: RequestOptions = {},
    check?: (value: unknown) => string | null,
  ): Promise<(CachedResponse & { value: T }) | null> {
    let parsed: unknown;
    const response = await this.request(url, options, (body) => {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (error) {
        throw new CollabscopeError('E_BAD_JSON', `${displayUrl(url)}: malformed JSON from the server (${(error as Error).message})`);
      }
      const problem = check?.(parsed);
      if (problem) throw new CollabscopeError('E_BAD_JSON', `${displayUrl(url)}: unexpected answer (${problem})`);
    });
    return response === null ? null : { ...response, value: parsed as T };
  }

  /** POST with a JSON body, never cached (logins). */
  async postJson<T = unknown>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.request(url, { method: 'POST', body: JSON.stringify(body), noCache: true, headers: { 'content-type': 'application/json', ...headers } }, null);
    try {
      return JSON.parse(response!.body.toString('utf8')) as T;
    } catch (error) {
      throw new CollabscopeError('E_BAD_JSON', `${displayUrl(url)}: malformed JSON from the server (${(error as Error).message})`);
    }
  }

  /**
   * A large file streamed to the cache (never held in memory); answers the cached file's path.
   * Size and MD5, when given, are checked before the file is kept.
   */
  async download(url: string, options: RequestOptions & { md5?: string | null; size?: number | null; label?: string } = {}): Promise<string> {
    const key = this.cacheKey(url);
    const cached = this.readMeta(key);
    if (cached && (this.offline || this.isFresh(cached, options.freshForMs))) {
      this.stats.cacheHits++;
      return this.bodyPath(key);
    }
    if (this.offline) throw this.offlineMiss(url);
    const temp = `${this.bodyPath(key)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const result = await this.withRetries(url, this.options.downloadTimeoutMs ?? 3_600_000, async (attemptSignal, idle, state) => {
      const response = await this.send(url, options, cached, attemptSignal);
      state.headers = true;
      if (response.status === 304 && cached) {
        await response.body?.cancel();
        return { notModified: true as const };
      }
      const total = this.checkDeclaredSize(url, response);
      this.progress.start(options.label ?? `downloading ${basename(new URL(url).pathname)}`, total ?? options.size ?? null, 'bytes');
      const hash = createHash('md5');
      const sha = createHash('sha256');
      let received: number;
      try {
        received = await this.streamToFile(url, response, temp, idle, attemptSignal, state, (chunk, total) => {
          hash.update(chunk);
          sha.update(chunk);
          this.progress.update(total);
        });
      } finally {
        this.progress.stop();
      }
      checkLength(url, response, received);
      return { notModified: false as const, response, received, md5: hash.digest('hex'), sha256: sha.digest('hex') };
    }, temp);
    if (result.notModified) {
      this.stats.revalidated++;
      this.touchMeta(key, cached!);
      return this.bodyPath(key);
    }
    try {
      if (options.size != null && result.received !== options.size) {
        throw new CollabscopeError('E_NETWORK', `${displayUrl(url)}: got ${result.received} bytes, expected ${options.size}; run the command again`);
      }
      if (options.md5 && result.md5 !== options.md5.replace(/^md5:/, '').toLowerCase()) {
        throw new CollabscopeError('E_NETWORK', `${displayUrl(url)}: checksum mismatch (MD5 ${result.md5}, expected ${options.md5}); run the command again`);
      }
      renameSync(temp, this.bodyPath(key));
      this.temps.delete(temp);
      this.writeMeta(key, url, result.response, result.received, result.sha256);
    } finally {
      this.removeTemp(temp);
    }
    return this.bodyPath(key);
  }

  private async request(url: string, options: RequestOptions, validate: ((body: Buffer) => void) | null): Promise<CachedResponse | null> {
    this.stats.requests++;
    const useCache = !options.noCache && (options.method ?? 'GET') === 'GET';
    const key = useCache ? this.cacheKey(url) : null;
    const cached = key ? this.readMeta(key) : null;
    if (key && cached && (this.offline || this.isFresh(cached, options.freshForMs))) {
      const body = this.readBodyFile(key, cached);
      if (body) {
        validate?.(body);
        this.stats.cacheHits++;
        return { body, url, fromCache: true };
      }
    }
    if (this.offline) throw this.offlineMiss(url);
    const temp = join(this.cacheDir, 'http', `.request.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const result = await this.withRetries(url, this.options.timeoutMs ?? 120_000, async (attemptSignal, idle, state) => {
      const response = await this.send(url, options, key ? cached : null, attemptSignal);
      state.headers = true;
      if (response.status === 304 && cached) {
        await response.body?.cancel();
        return null;
      }
      if (response.status === 404 && options.allow404) {
        await response.body?.cancel();
        return 'not-found' as const;
      }
      this.checkDeclaredSize(url, response);
      // The body goes to a temporary file, checked against the cap as it arrives, and is read back once complete.
      const received = await this.streamToFile(url, response, temp, idle, attemptSignal, state);
      checkLength(url, response, received);
      const body = readFileSync(temp);
      this.removeTemp(temp);
      return { response, body };
    }, temp);
    if (result === 'not-found') return null;
    if (result === null) {
      const body = this.readBodyFile(key!, cached!);
      if (body) {
        validate?.(body);
        this.stats.revalidated++;
        this.touchMeta(key!, cached!);
        return { body, url, fromCache: true };
      }
      // the cached body vanished under us: ask again (its metadata now reads as absent)
      return this.request(url, options, validate);
    }
    validate?.(result.body);
    if (key) this.store(key, url, result.response, result.body);
    return { body: result.body, url, fromCache: false };
  }

  /** One HTTP exchange, up to the response headers. */
  private async send(url: string, options: RequestOptions, cached: CacheMeta | null, attemptSignal: AbortSignal): Promise<Response> {
    await this.politeWait(url);
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? 'collabscope/0.1 (+https://github.com/collabscope)',
      accept: 'application/json, */*;q=0.8',
      ...options.headers,
    };
    // A cached copy is revalidated: the server answers 304 when it has not changed.
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const signals = [attemptSignal];
    if (this.options.signal) signals.push(this.options.signal);
    this.stats.network++;
    const response = await this.fetchImpl(url, { method: options.method ?? 'GET', headers, body: options.body, signal: AbortSignal.any(signals), redirect: 'follow' });
    if (response.ok || response.status === 304) return response;
    if (response.status === 404 && options.allow404) return response;
    const detail = (await readErrorDetail(response)).replace(/\s+/g, ' ').trim().slice(0, 200);
    const message = `${displayUrl(url)}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? ` (${detail})` : ''}`;
    if (RETRY_STATUSES.has(response.status)) {
      throw new Retryable(message, 'status', parseRetryAfter(response.headers.get('retry-after'), this.now()), response.status);
    }
    throw new CollabscopeError('E_HTTP', message);
  }

  /** Runs one attempt after another until one succeeds, a failure is final, or retries run out. */
  private async withRetries<T>(
    url: string,
    deadlineMs: number,
    attempt: (signal: AbortSignal, idle: () => void, state: AttemptState) => Promise<T>,
    temp: string | null,
  ): Promise<T> {
    const retries = this.options.retries ?? 5;
    const host = hostOf(url);
    for (let n = 0; ; n++) {
      const controller = new AbortController();
      const idleMs = this.options.idleTimeoutMs ?? 30_000;
      // The whole attempt, headers and body, ends by this deadline: a fast endless body is stopped too.
      const deadline = setTimeout(() => controller.abort(new Deadline(`no complete answer within ${formatSeconds(deadlineMs)} (--timeout)`)), deadlineMs);
      deadline.unref?.();
      let timer: NodeJS.Timeout | null = null;
      const idle = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => controller.abort(new IdleTimeout(`no data from ${host} for ${Math.round(idleMs / 1000)} s`)), idleMs);
        timer.unref?.();
      };
      idle();
      const state: AttemptState = { headers: false, received: 0 };
      try {
        return await attempt(controller.signal, idle, state);
      } catch (raw) {
        if (temp) this.removeTemp(temp);
        const error = this.classify(raw, url, controller.signal, state);
        if (!(error instanceof Retryable)) throw error;
        if (n >= retries) {
          const code = error.kind === 'status' ? 'E_HTTP' : 'E_NETWORK';
          throw new CollabscopeError(code, `${error.message} (gave up after ${n + 1} attempts; completed downloads stay in the cache)`);
        }
        const maxAfter = this.options.maxRetryAfterMs ?? 300_000;
        if (error.retryAfterMs !== null && error.retryAfterMs > maxAfter) {
          throw new CollabscopeError('E_HTTP', `${error.message}: the server asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s; try again later`);
        }
        const delay = error.retryAfterMs ?? this.backoff(n);
        this.stats.retries++;
        this.progress.note(`${host}: ${error.status ? `HTTP ${error.status}` : 'network error'}, retry ${n + 1}/${retries} in ${(delay / 1000).toFixed(1)} s`);
        await this.sleep(delay);
        this.checkInterrupted();
      } finally {
        clearTimeout(deadline);
        if (timer) clearTimeout(timer);
      }
    }
  }

  /** Streams a body to `temp`, failing once it is over the cap; answers the bytes received. */
  private async streamToFile(
    url: string,
    response: Response,
    temp: string,
    idle: () => void,
    signal: AbortSignal,
    state: AttemptState,
    onChunk?: (chunk: Uint8Array, received: number) => void,
  ): Promise<number> {
    mkdirSync(dirname(temp), { recursive: true });
    this.temps.add(temp);
    const out = createWriteStream(temp);
    // Errors surface through write/finish below; a late one after a failed attempt is of no interest.
    out.on('error', () => {});
    let received = 0;
    try {
      await readBody(response, idle, signal, async (chunk) => {
        received += chunk.length;
        state.received = received;
        this.checkSize(url, received);
        onChunk?.(chunk, received);
        if (!out.write(chunk)) await once(out, 'drain');
      });
      out.end();
      await once(out, 'finish');
    } catch (error) {
      if (!out.closed) {
        const closed = once(out, 'close').catch(() => {});
        out.destroy();
        await closed;
      }
      throw error;
    }
    return received;
  }

  private get maxBytes(): number {
    return this.options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** The declared length, failing at once when it is over the cap. */
  private checkDeclaredSize(url: string, response: Response): number | null {
    const total = contentLength(response);
    if (total !== null && total > this.maxBytes) {
      void response.body?.cancel().catch(() => {});
      throw tooLarge(url, this.maxBytes, `declares ${total} bytes`);
    }
    return total;
  }

  private checkSize(url: string, received: number): void {
    if (received > this.maxBytes) throw tooLarge(url, this.maxBytes, `sent more than ${this.maxBytes} bytes`);
  }

  /** Exponential backoff with jitter: base·2^n capped, then scaled into [½, 1]. */
  backoff(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 1000;
    const max = this.options.backoffMaxMs ?? 60_000;
    const ceiling = Math.min(max, base * 2 ** attempt);
    return Math.round(ceiling * (0.5 + this.random() / 2));
  }

  private classify(raw: unknown, url: string, attemptSignal: AbortSignal, state: AttemptState): Error {
    if (raw instanceof CollabscopeError || raw instanceof Retryable) return raw;
    this.checkInterrupted();
    const host = hostOf(url);
    if (attemptSignal.aborted && attemptSignal.reason instanceof IdleTimeout) return new Retryable(`${displayUrl(url)}: ${attemptSignal.reason.message}`, 'network');
    if (attemptSignal.aborted && attemptSignal.reason instanceof Deadline) return new Retryable(`${displayUrl(url)}: ${attemptSignal.reason.message}`, 'network');
    const error = raw as Error & { cause?: { code?: string; message?: string } };
    if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return new Retryable(`${displayUrl(url)}: timed out`, 'network');
    const code = error?.cause?.code ?? (error as NodeJS.ErrnoException)?.code;
    if (code && UNREACHABLE_CODES.has(code)) {
      return new CollabscopeError('E_NETWORK', `cannot reach ${host} (${code}); use --offline with a cached copy${this.alternative()}`);
    }
    if (state.headers) {
      return new Retryable(`${displayUrl(url)}: truncated response (the connection closed after ${state.received} bytes of the body)`, 'network');
    }
    const detail = error?.cause?.message ?? error?.message ?? String(raw);
    if (code && TRANSIENT_CODES.has(code)) return new Retryable(`${displayUrl(url)}: connection failed (${code})`, 'network');
    // Anything else (a port fetch refuses, a TLS or protocol error) fails the same way on every attempt.
    return new CollabscopeError('E_NETWORK', `cannot reach ${host} (${code ?? detail}); use --offline with a cached copy${this.alternative()}`);
  }

  private alternative(): string {
    return this.options.alternative ? `, ${this.options.alternative}` : '';
  }

  private checkInterrupted(): void {
    if (this.options.signal?.aborted) {
      throw new CollabscopeError('E_NETWORK', 'interrupted; completed downloads stay in the cache and the next run resumes from them');
    }
  }

  private async politeWait(url: string): Promise<void> {
    const host = hostOf(url);
    const setting = this.options.minIntervalMs ?? 0;
    const gap = typeof setting === 'number' ? setting : setting[host] ?? 0;
    const last = this.lastRequestAt.get(host);
    if (gap > 0 && last !== undefined) {
      const wait = last + gap - this.now();
      if (wait > 0) await this.sleep(wait);
    }
    this.lastRequestAt.set(host, this.now());
  }

  private offlineMiss(url: string): CollabscopeError {
    return new CollabscopeError('E_NETWORK', `offline: ${displayUrl(url)} is not in the cache (${this.cacheDir}); run once without --offline${this.alternative()}`);
  }

  // --- the cache ---

  private cacheKey(url: string): string {
    return createHash('sha256').update(displayUrl(url)).digest('hex').slice(0, 40);
  }

  private metaPath(key: string): string {
    return join(this.cacheDir, 'http', key.slice(0, 2), `${key}.json`);
  }

  bodyPath(key: string): string {
    return join(this.cacheDir, 'http', key.slice(0, 2), `${key}.body`);
  }

  /** The cached body file of a URL, or null (for callers that stream a cached download). */
  cachedFile(url: string): string | null {
    const key = this.cacheKey(url);
    return this.readMeta(key) ? this.bodyPath(key) : null;
  }

  private isFresh(meta: CacheMeta, freshForMs = 0): boolean {
    return !this.options.refresh && freshForMs > 0 && this.now() - meta.fetchedAt < freshForMs;
  }

  private readMeta(key: string): CacheMeta | null {
    const path = this.metaPath(key);
    if (!existsSync(path)) return null;
    try {
      const meta = JSON.parse(readFileSync(path, 'utf8')) as CacheMeta;
      // A body of another size is a leftover of an interrupted write: treated as absent.
      if (statSync(this.bodyPath(key)).size !== meta.size) return null;
      return meta;
    } catch {
      return null;
    }
  }

  private readBodyFile(key: string, meta: CacheMeta): Buffer | null {
    try {
      const body = readFileSync(this.bodyPath(key));
      return body.length === meta.size ? body : null;
    } catch {
      return null;
    }
  }

  private store(key: string, url: string, response: Response, body: Buffer): void {
    try {
      writeAtomic(this.bodyPath(key), body);
      this.writeMeta(key, url, response, body.length, createHash('sha256').update(body).digest('hex'));
    } catch {
      // an unwritable cache costs a refetch next time, nothing else
    }
  }

  private writeMeta(key: string, url: string, response: Response, size: number, sha256: string): void {
    const meta: CacheMeta = {
      url: displayUrl(url),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      contentType: response.headers.get('content-type'),
      fetchedAt: this.now(),
      size,
      sha256,
    };
    writeAtomic(this.metaPath(key), `${JSON.stringify(meta)}\n`);
  }

  private touchMeta(key: string, meta: CacheMeta): void {
    try {
      writeAtomic(this.metaPath(key), `${JSON.stringify({ ...meta, fetchedAt: this.now() })}\n`);
    } catch {
      // keeps the older timestamp
    }
  }

  private removeTemp(temp: string): void {
    rmSync(temp, { force: true });
    this.temps.delete(temp);
  }

  /** Removes temporary files of requests still under way (called on interruption). */
  cleanup(): void {
    for (const temp of this.temps) rmSync(temp, { force: true });
    this.temps.clear();
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function contentLength(response: Response): number | null {
  if (response.headers.get('content-encoding')) return null; // the length is of the compressed bytes
  const value = response.headers.get('content-length');
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/** A body shorter than its Content-Length was cut off: worth another attempt. */
function checkLength(url: string, response: Response, received: number): void {
  const expected = contentLength(response);
  if (expected !== null && received !== expected) {
    throw new Retryable(`${displayUrl(url)}: truncated response (${received} of ${expected} bytes)`, 'network');
  }
}

async function readBody(response: Response, idle: () => void, signal: AbortSignal, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) return;
      idle();
      await onChunk(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    reader.releaseLock();
  }
}

/** At most a few KB of an error answer's body, for the message (an error page may be endless too). */
async function readErrorDetail(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    while (size < 4096) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.length;
    }
  } catch {
    // the detail is optional
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, 4096).toString('utf8');
}

function tooLarge(url: string, max: number, what: string): CollabscopeError {
  return new CollabscopeError('E_TOO_LARGE', `${displayUrl(url)}: the answer ${what}, over the limit of ${max} bytes; raise --max-bytes if it is expected`);
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
