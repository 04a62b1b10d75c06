// `collabscope serve` as a user meets it: one-line errors, binds to loopback, stops on a signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { once } from 'node:events';
import { cli, CLI } from '../report/helpers.js';
import { REPO_ROOT } from '../shared.js';
import { writeFixtureRun } from '../report/fixtures.js';

test('serve: a missing directory is one line and exit 1', async () => {
  const run = writeFixtureRun();
  const result = await cli('serve', '--from', join(run.dir, 'missing'), '--port', '0');
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /missing: no such directory/);
});

test('serve: a bad port is refused', async () => {
  const run = writeFixtureRun();
  const result = await cli('serve', '--from', run.dir, '--port', 'eighty');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--port must be a whole number from 0 to 65535/);
});

test('serve: a port in use is one line and exit 1', async () => {
  const run = writeFixtureRun();
  const blocker: Server = createServer();
  blocker.listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = await cli('serve', '--from', run.dir, '--port', String(port));
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use; choose another with --port`));
  } finally {
    blocker.close();
  }
});

test('serve: listens on 127.0.0.1, answers the API, stops on SIGTERM', async () => {
  const run = writeFixtureRun();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--from', run.dir, '--port', '0'], { cwd: REPO_ROOT });
  try {
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 120_000);
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
    });
    const meta = (await (await fetch(`${url}api/meta`)).json()) as { papers: number };
    assert.equal(meta.papers, 20);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
