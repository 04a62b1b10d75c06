// Runs the command line as a user would, with its own COLLABSCOPE_HOME: in this process (cheap: no new
// Node and tsx start-up, modules and the resolver's data loaded once per test file), or, where the
// process itself is under test (exit code of a real process, signals), as a child process through tsx.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from './shared.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');

const freshHome = () => mkdtempSync(join(tmpdir(), 'collabscope-home-'));

/** A child process: `node --import tsx src/cli/main.ts ...args`. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...process.env, COLLABSCOPE_HOME: freshHome(), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same as a child process, without blocking the event loop. */
export function cliProcessAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, COLLABSCOPE_HOME: freshHome(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let running = false;

/**
 * The command line's `main` run in this process, as the `collabscope` binary runs it: what it writes to
 * stdout and stderr is captured (strings only: the test runner's own reports are binary frames and pass
 * through), the environment is the given one for the duration, and an error `main` lets through ends
 * like an uncaught one (its stack on stderr, exit 1). One run at a time.
 */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  if (running) throw new Error('cli(): one in-process run at a time');
  running = true;
  const { main } = await import('../src/cli/main.js');
  const savedEnv = { ...process.env };
  Object.assign(process.env, { COLLABSCOPE_HOME: freshHome(), ...env });
  const captured = { stdout: '', stderr: '' };
  const restore = [capture(process.stdout, (s) => (captured.stdout += s)), capture(process.stderr, (s) => (captured.stderr += s))];
  let code: number;
  try {
    code = await main(['node', 'collabscope', ...args]);
  } catch (error) {
    captured.stderr += `${error instanceof Error ? error.stack : String(error)}\n`;
    code = 1;
  } finally {
    for (const undo of restore) undo();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    running = false;
  }
  return { code, ...captured };
}

function capture(stream: NodeJS.WriteStream, sink: (text: string) => void): () => void {
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string') return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    sink(chunk);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  } as typeof stream.write;
  return () => {
    stream.write = original;
  };
}
