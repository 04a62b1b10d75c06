// The HTTP client against a local server: cache and revalidation, offline, retries with backoff and
// Retry-After, truncated and malformed answers, timeouts, unreachable hosts, downloads, interruption.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { HttpClient, displayUrl, parseRetryAfter, rebase, type HttpClientOptions } from '../../src/fetch/http.js';
import { CollabscopeError } from '../../src/errors.js';
import { closedPort, faults, startMockServer } from '../mocks/http-mock.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'collabscope-http-'));

/** A client that never really waits: it records the waits it would have made. */
function testClient(options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = new HttpClient({ cacheDir: tempDir(), sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, retries: 3, ...options });
  return { client, sleeps };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

const jsonRoute = (value: unknown) => () => ({ json: value, etag: true });

test('rebase replaces scheme and host, keeps path and query; a base path is a prefix', () => {
  assert.equal(rebase('https://neurips.cc/static/virtual/data/neurips-2025-orals-posters.json', 'http://127.0.0.1:8080'), 'http://127.0.0.1:8080/static/virtual/data/neurips-2025-orals-posters.json');
  assert.equal(rebase('https://api.openalex.org/works?filter=a:b&cursor=*', 'http://mirror.local/openalex/'), 'http://mirror.local/openalex/works?filter=a:b&cursor=*');
  assert.equal(rebase('https://x.org/a', null), 'https://x.org/a');
  assert.throws(() => rebase('https://x.org/a', 'not a url'), /--base-url must be an absolute URL/);
});

test('credentials never reach cache keys or messages; Retry-After as seconds or a date', () => {
  assert.equal(displayUrl('https://api.openalex.org/works?filter=x&api_key=SECRET&mailto=a%40b.org'), 'https://api.openalex.org/works?filter=x&mailto=a%40b.org');
  assert.equal(parseRetryAfter('2', 0), 2000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(parseRetryAfter('soon', 0), null);
});

test('backoff grows exponentially with jitter and is capped', () => {
  const { client } = testClient({ backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0 });
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => client.backoff(n)), [500, 1000, 2000, 4000, 4000, 4000]);
  const { client: top } = testClient({ backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0.999999 });
  assert.equal(top.backoff(2), 4000);
});

test('a cached response is revalidated with its ETag (304) and used offline', async () => {
  const server = await startMockServer(jsonRoute({ hello: 'world' }));
  try {
    const cacheDir = tempDir();
    const { client } = testClient({ cacheDir });
    const first = await client.getJson(`${server.baseUrl}/data.json`);
    assert.deepEqual(first, { hello: 'world' });
    const second = await client.getJsonResponse(`${server.baseUrl}/data.json`);
    assert.equal(second?.fromCache, true);
    assert.match(String(server.requests[1].headers['if-none-match']), /^"[0-9a-f]+"$/);
    assert.equal(client.stats.revalidated, 1);

    const offline = new HttpClient({ cacheDir, offline: true });
    assert.deepEqual(await offline.getJson(`${server.baseUrl}/data.json`), { hello: 'world' });
    assert.equal(server.requests.length, 2, 'offline makes no request');
    await assert.rejects(offline.getJson(`${server.baseUrl}/other.json`), (e: CollabscopeError) => e.code === 'E_NETWORK' && /offline: .*other\.json is not in the cache/.test(e.message));
  } finally {
    await server.close();
  }
});

test('freshness windows skip the network for recent API pages; --refresh revalidates', async () => {
  const server = await startMockServer(() => ({ json: { page: 1 } }));
  try {
    const cacheDir = tempDir();
    const { client } = testClient({ cacheDir });
    await client.getJson(`${server.baseUrl}/notes?offset=0`, { freshForMs: 60_000 });
    await client.getJson(`${server.baseUrl}/notes?offset=0`, { freshForMs: 60_000 });
    assert.equal(server.requests.length, 1);
    const { client: refreshing } = testClient({ cacheDir, refresh: true });
    await refreshing.getJson(`${server.baseUrl}/notes?offset=0`, { freshForMs: 60_000 });
    assert.equal(server.requests.length, 2);
  } finally {
    await server.close();
  }
});

test('429 with Retry-After is waited out, then the request succeeds', async () => {
  const server = await startMockServer(jsonRoute({ ok: true }));
  try {
    server.fail('/limited', faults.tooMany('2'));
    const notes: string[] = [];
    const { client, sleeps } = testClient({ progress: { start() {}, update() {}, stop() {}, note: (m) => void notes.push(m) } });
    assert.deepEqual(await client.getJson(`${server.baseUrl}/limited`), { ok: true });
    assert.deepEqual(sleeps, [2000]);
    assert.equal(server.hits('/limited').length, 2);
    assert.match(notes[0], /HTTP 429, retry 1\/3 in 2\.0 s/);
  } finally {
    await server.close();
  }
});

test('a Retry-After longer than the limit fails with the server answer', async () => {
  const server = await startMockServer(jsonRoute({ ok: true }));
  try {
    server.fail('/limited', faults.tooMany('3600'));
    const { client } = testClient({ maxRetryAfterMs: 60_000 });
    await assert.rejects(client.getJson(`${server.baseUrl}/limited`), (e: CollabscopeError) => e.code === 'E_HTTP' && /HTTP 429.*wait 3600 s/.test(e.message));
  } finally {
    await server.close();
  }
});

test('500 then success: exponential backoff with jitter; 4xx is final at once', async () => {
  const server = await startMockServer((r) => (r.path === '/missing-auth' ? { status: 403, json: { message: 'Forbidden' } } : { json: { ok: true } }));
  try {
    server.fail('/flaky', faults.serverError(500), faults.serverError(503));
    const { client, sleeps } = testClient({ backoffBaseMs: 1000 });
    assert.deepEqual(await client.getJson(`${server.baseUrl}/flaky`), { ok: true });
    assert.deepEqual(sleeps, [750, 1500]); // base·2^n scaled by ½ + random/2 = 0.75
    await assert.rejects(client.getJson(`${server.baseUrl}/missing-auth`), (e: CollabscopeError) => e.code === 'E_HTTP' && /HTTP 403.*Forbidden/.test(e.message));
    assert.equal(server.hits('/missing-auth').length, 1);
    server.fail('/down', ...Array.from({ length: 4 }, () => faults.serverError(502)));
    await assert.rejects(client.getJson(`${server.baseUrl}/down`), (e: CollabscopeError) => e.code === 'E_HTTP' && /HTTP 502.*gave up after 4 attempts/.test(e.message));
  } finally {
    await server.close();
  }
});

test('a body cut off before its Content-Length is retried and never cached', async () => {
  const big = { items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'x'.repeat(40) })) };
  const server = await startMockServer(jsonRoute(big));
  try {
    server.fail('/big', faults.truncate());
    const { client, sleeps } = testClient();
    assert.deepEqual(await client.getJson(`${server.baseUrl}/big`), big);
    assert.equal(sleeps.length, 1);
    server.fail('/always', ...Array.from({ length: 4 }, () => faults.truncate()));
    const { client: other } = testClient();
    await assert.rejects(other.getJson(`${server.baseUrl}/always`), (e: CollabscopeError) => e.code === 'E_NETWORK' && /gave up after 4 attempts/.test(e.message));
    assert.deepEqual(filesUnder(join(other.cacheDir, 'http')), []);
  } finally {
    await server.close();
  }
});

test('malformed JSON is an error naming the URL, not cached, and asked for again next time', async () => {
  const server = await startMockServer(jsonRoute({ fine: true }));
  try {
    server.fail('/doc.json', faults.malformed());
    const { client } = testClient();
    await assert.rejects(client.getJson(`${server.baseUrl}/doc.json`), (e: CollabscopeError) => e.code === 'E_BAD_JSON' && /doc\.json: malformed JSON/.test(e.message));
    assert.deepEqual(filesUnder(join(client.cacheDir, 'http')), []);
    assert.deepEqual(await client.getJson(`${server.baseUrl}/doc.json`), { fine: true });
  } finally {
    await server.close();
  }
});

test('a request with no answer times out and is retried; a reset connection too', async () => {
  const server = await startMockServer(jsonRoute({ ok: 1 }));
  try {
    server.fail('/slow', faults.hang());
    server.fail('/reset', faults.reset());
    const { client, sleeps } = testClient({ timeoutMs: 300 });
    assert.deepEqual(await client.getJson(`${server.baseUrl}/slow`), { ok: 1 });
    assert.deepEqual(await client.getJson(`${server.baseUrl}/reset`), { ok: 1 });
    assert.equal(sleeps.length, 2);
  } finally {
    await server.close();
  }
});

test('an unreachable host fails at once with a clear message', async () => {
  const port = await closedPort();
  const { client, sleeps } = testClient();
  await assert.rejects(
    client.getJson(`http://127.0.0.1:${port}/x.json`),
    (e: CollabscopeError) => e.code === 'E_NETWORK' && e.message === `cannot reach 127.0.0.1:${port} (ECONNREFUSED); use --offline with a cached copy`,
  );
  assert.deepEqual(sleeps, []);
});

test('a connection fetch refuses outright (a blocked port) fails at once; the command can name its alternative', async () => {
  const { client, sleeps } = testClient();
  await assert.rejects(client.getJson('http://127.0.0.1:9/x.json'), (e: CollabscopeError) => e.code === 'E_NETWORK' && /^cannot reach 127\.0\.0\.1:9 \(bad port\); use --offline with a cached copy$/.test(e.message));
  assert.deepEqual(sleeps, []);
  const port = await closedPort();
  const { client: withAlternative } = testClient({ alternative: 'or pass a file' });
  await assert.rejects(withAlternative.getJson(`http://127.0.0.1:${port}/x.json`), /use --offline with a cached copy, or pass a file$/);
});

test('404 answers null when allowed, an error otherwise', async () => {
  const server = await startMockServer(() => null);
  try {
    const { client } = testClient();
    assert.equal(await client.getJson(`${server.baseUrl}/nothing.json`, { allow404: true }), null);
    await assert.rejects(client.getJson(`${server.baseUrl}/nothing.json`), /HTTP 404/);
  } finally {
    await server.close();
  }
});

test('secret query parameters stay out of the cache', async () => {
  const server = await startMockServer(jsonRoute({ ok: true }));
  try {
    const { client } = testClient();
    await client.getJson(`${server.baseUrl}/works?filter=a&api_key=TOPSECRET`);
    const files = filesUnder(join(client.cacheDir, 'http'));
    assert.ok(files.length >= 2);
    for (const file of files.filter((f) => f.endsWith('.json'))) assert.doesNotMatch(readFileSync(file, 'utf8'), /TOPSECRET/);
    assert.equal(server.requests[0].url.searchParams.get('api_key'), 'TOPSECRET');
  } finally {
    await server.close();
  }
});

test('downloads stream to the cache, check size and MD5, and resume nothing partial', async () => {
  const payload = Buffer.alloc(300_000, 7);
  const md5 = createHash('md5').update(payload).digest('hex');
  const server = await startMockServer(() => ({ body: payload, etag: true }));
  try {
    server.fail('/dump.zip', faults.truncate());
    const { client } = testClient();
    const path = await client.download(`${server.baseUrl}/dump.zip`, { md5: `md5:${md5}`, size: payload.length });
    assert.deepEqual(readFileSync(path), payload);
    assert.ok(filesUnder(join(client.cacheDir, 'http')).every((f) => !/\.tmp-/.test(f)), 'no temporary file left');
    // a second call revalidates (304) and answers the same file
    assert.equal(await client.download(`${server.baseUrl}/dump.zip`, { md5, size: payload.length }), path);
    assert.equal(client.stats.revalidated, 1);

    const { client: strict } = testClient();
    await assert.rejects(strict.download(`${server.baseUrl}/dump.zip`, { md5: 'ffffffffffffffffffffffffffffffff' }), /checksum mismatch/);
    assert.deepEqual(filesUnder(join(strict.cacheDir, 'http')), []);
  } finally {
    await server.close();
  }
});

test('an interrupted download leaves no partial file and says how to resume', async () => {
  const server = await startMockServer(() => ({ body: Buffer.alloc(100, 1) }));
  try {
    server.fail('/dump.zip', faults.hang());
    const controller = new AbortController();
    const { client } = testClient({ signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(client.download(`${server.baseUrl}/dump.zip`), (e: CollabscopeError) => e.code === 'E_NETWORK' && /interrupted; completed downloads stay in the cache/.test(e.message));
    assert.deepEqual(filesUnder(join(client.cacheDir, 'http')), []);
  } finally {
    await server.close();
  }
});
