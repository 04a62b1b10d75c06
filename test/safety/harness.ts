// Runs the command line in this process (much faster than a child per call) with stdout and stderr
// captured, and snapshots a directory tree to show that nothing outside the allowed paths changed.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli/main.js';
import { terminalSink } from '../../src/cli/print.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One command-line run; `cwd` is entered for the run and left afterwards. */
export async function run(args: string[], options: { cwd?: string } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const { out, err } = terminalSink;
  const previous = process.cwd();
  terminalSink.out = (text) => void (stdout += text);
  terminalSink.err = (text) => void (stderr += text);
  try {
    if (options.cwd) process.chdir(options.cwd);
    const code = await main(['node', 'collabscope', ...args]);
    return { code, stdout, stderr };
  } catch (error) {
    return { code: 99, stdout, stderr: `${stderr}THROWN ${(error as Error)?.stack ?? error}` };
  } finally {
    process.chdir(previous);
    terminalSink.out = out;
    terminalSink.err = err;
  }
}

export function tempDir(prefix = 'collabscope-safety-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every path under root with a hash of its content (files), its target (links) or a mark (dirs). */
export function snapshot(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const key = relative(root, path);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) seen.set(key, `link:${readlinkSync(path)}`);
      else if (stats.isDirectory()) {
        seen.set(key, 'dir');
        walk(path);
      } else seen.set(key, `file:${createHash('sha256').update(readFileSync(path)).digest('hex')}:${stats.mode & 0o777}`);
    }
  };
  walk(root);
  return seen;
}

/**
 * Paths whose snapshot differs, leaving out those under any of `allowed` (relative to the root) and
 * new folders above an allowed path (created to hold it).
 */
export function changedPaths(before: Map<string, string>, after: Map<string, string>, allowed: string[] = []): string[] {
  const inAllowed = (key: string) => allowed.some((a) => key === a || key.startsWith(`${a}/`) || isSiblingTemp(key, a));
  const newParent = (key: string) => before.get(key) === undefined && after.get(key) === 'dir' && allowed.some((a) => a.startsWith(`${key}/`));
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k) && !inAllowed(k) && !newParent(k)).sort();
}

/** `.NAME.tmp-*` / `.NAME.old-*` beside an allowed path, and a database's `.wal`. */
function isSiblingTemp(key: string, allowed: string): boolean {
  const slash = allowed.lastIndexOf('/');
  const dir = allowed.slice(0, slash + 1);
  const name = allowed.slice(slash + 1);
  return key.startsWith(`${dir}.${name}.`) || key === `${allowed}.wal`;
}

/** A small wide CSV of invented papers (two countries co-authoring one of them). */
export function writeCsv(path: string, rows: Array<{ title: string; authors: string; affiliations: string }> = DEFAULT_ROWS): string {
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
  writeFileSync(path, ['id,title,venue,year,authors,affiliations', ...rows.map((r, i) => `p${i},${cell(r.title)},TESTCONF,2024,${cell(r.authors)},${cell(r.affiliations)}`)].join('\n') + '\n');
  return path;
}

const DEFAULT_ROWS = [
  { title: 'A study of invented things', authors: 'Ann Example;Bo Sample', affiliations: 'Stanford University;Peking University' },
  { title: 'Another invented study', authors: 'Cy Person', affiliations: 'University of Oxford' },
];
