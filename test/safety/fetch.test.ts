// Fetch is bounded: a body over --max-bytes fails at once, a fast endless body stops at --timeout.
// The server runs on 127.0.0.1 in this process, and bounds itself (it stops after 20 s or 2 GB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from './harness.js';
import { HttpClient } from '../../src/fetch/http.js';
import { parseByteSize } from '../../src/cli/commands/fetch.js';

type Mode = 'endless' | 'finite-big' | 'declared-big';

async function startServer(mode: Mode): Promise<{ url: string; sent: () => number; close: () => Promise<void> }> {
  let sent = 0;
  const chunk = Buffer.from('1,'.repeat(32 * 1024));
  const server: Server = createServer((request, response) => {
    const started = Date.now();
    if (mode === 'declared-big') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) });
      response.write('[');
      return; // declares 10 GB, sends one byte; the client must not wait for the rest
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    const limit = mode === 'finite-big' ? 3 * 1024 * 1024 : 2 * 1024 ** 3;
    const pump = () => {
      while (sent < limit && Date.now() - started < 20_000 && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.write('[');
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

test('a fast endless body is stopped by --timeout, in one line, with no file left', async () => {
  const server = await startServer('endless');
  const dir = tempDir();
  try {
    const result = await run(['fetch', 'neurips', '--year', '2003', '--base-url', server.url, '--timeout', '2', '--retries', '0', '--max-bytes', '4G', '--cache-dir', join(dir, 'cache'), '--out', join(dir, 'x.json')]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /no complete answer within 2 s \(--timeout\)/);
    assert.ok(server.sent() < 2 * 1024 ** 3, 'the client stopped reading before the server ran out');
    assert.equal(existsSync(join(dir, 'x.json')), false);
    assert.deepEqual(readdirSync(join(dir, 'cache', 'http')).filter((f) => f.includes('.tmp-')), []);
  } finally {
    await server.close();
  }
});

test('an endless body is stopped by --max-bytes; a declared length over it fails before reading', async () => {
  for (const mode of ['endless', 'finite-big', 'declared-big'] as const) {
    const server = await startServer(mode);
    const dir = tempDir();
    try {
      const result = await run(['fetch', 'neurips', '--year', '2003', '--base-url', server.url, '--timeout', '60', '--retries', '2', '--max-bytes', '1M', '--cache-dir', join(dir, 'cache'), '--out', join(dir, 'x.json')]);
      assert.equal(result.code, 1, mode);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, mode === 'declared-big' ? /declares 10737418240 bytes, over the limit of 1048576 bytes; raise --max-bytes/ : /sent more than 1048576 bytes/);
      assert.ok(server.sent() < 64 * 1024 * 1024, `${mode}: read ${server.sent()} bytes`);
      assert.equal(existsSync(join(dir, 'x.json')), false);
    } finally {
      await server.close();
    }
  }
});

test('the same limits hold for streamed downloads', async () => {
  const server = await startServer('endless');
  const dir = tempDir();
  try {
    const client = new HttpClient({ cacheDir: dir, retries: 0, maxBytes: 2 * 1024 * 1024 });
    await assert.rejects(client.download(`${server.url}/dump.zip`), /sent more than 2097152 bytes/);
    const slow = new HttpClient({ cacheDir: dir, retries: 0, maxBytes: 4 * 1024 ** 3, downloadTimeoutMs: 1500 });
    await assert.rejects(slow.download(`${server.url}/dump.zip`), /no complete answer within 1.5 s/);
    assert.deepEqual(readdirSync(join(dir, 'http'), { recursive: true }).filter((f) => String(f).includes('.tmp-')), []);
  } finally {
    await server.close();
  }
});

test('--max-bytes and --timeout are checked', async () => {
  assert.equal(parseByteSize('256M'), 256 * 1024 * 1024);
  assert.equal(parseByteSize('1048576'), 1048576);
  assert.equal(parseByteSize('2GiB'), 2 * 1024 ** 3);
  for (const bad of ['0', '-1', 'lots', '100T']) assert.throws(() => parseByteSize(bad), /--max-bytes must be a size/);
  const result = await run(['fetch', 'neurips', '--year', '2024', '--timeout', '1e12', '--offline']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--timeout must be at most 86400 seconds/);
});
