// The output directory of a run, written so that no user file is ever lost: a run writes only into a
// new directory, an empty one, or one that holds a previous collabscope run (recognised by the marker
// file every run writes). Everything is written to a temporary sibling, which replaces the target
// only once complete; the replaced run is then removed. Leftovers of interrupted runs of the same
// directory (`.NAME.tmp-PID-MS`, `.NAME.old-PID-MS` of a process no longer running) are removed.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { CollabscopeError, fsErrorText } from './errors.js';

/** The file that marks a directory as written by collabscope. */
export const RUN_MARKER = '.collabscope-run';
export const TOOL_VERSION = '0.1.0';

export interface OutputGuard {
  /** Input files: the out directory may be none of them, nor contain any. */
  inputs?: string[];
  /** Other files the run writes (e.g. --db): the out directory may not contain them. */
  keep?: string[];
  /** Name of the option in messages. */
  option?: string;
}

/** A prepared output directory: write into `tmp`, then commit (swap in) or abort (remove tmp). */
export interface PendingOutputDir {
  readonly target: string;
  readonly tmp: string;
  /** Swaps tmp in; the previous run stays aside until `finish` (or `undo` puts it back). */
  swap(): void;
  /** Puts the previous run back after a swap (when a later step of the same commit failed). */
  undo(): void;
  /** Removes the previous run after a swap. */
  finish(): void;
  abort(): void;
}

export async function writeOutputDir(outDir: string, write: (tmpDir: string) => Promise<void>, guard: OutputGuard = {}): Promise<void> {
  const pending = prepareOutputDir(outDir, guard);
  try {
    await write(pending.tmp);
    pending.swap();
  } catch (error) {
    pending.abort();
    throw error;
  }
  pending.finish();
}

/** Checks the target, removes leftovers of interrupted runs, and creates the temporary directory. */
export function prepareOutputDir(outDir: string, guard: OutputGuard = {}): PendingOutputDir {
  const option = guard.option ?? '--out';
  const target = checkOutputTarget(outDir, guard);
  const parent = dirname(target);
  const name = basename(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.${name}.tmp-${stamp}`);
  const old = join(parent, `.${name}.old-${stamp}`);
  fsStep(option, outDir, () => {
    mkdirSync(parent, { recursive: true });
    removeLeftovers(parent, name);
    mkdirSync(tmp);
    writeMarker(tmp);
  });
  let state: 'open' | 'swapped' | 'done' = 'open';
  let hadTarget = false;
  return {
    target,
    tmp,
    swap() {
      fsStep(option, outDir, () => {
        hadTarget = exists(target);
        if (hadTarget) renameSync(target, old);
        try {
          renameSync(tmp, target);
        } catch (error) {
          if (hadTarget) renameSync(old, target);
          throw error;
        }
      });
      state = 'swapped';
    },
    undo() {
      if (state !== 'swapped') return;
      renameSync(target, tmp);
      if (hadTarget) renameSync(old, target);
      state = 'open';
    },
    finish() {
      if (state === 'swapped' && hadTarget) rmSync(old, { recursive: true, force: true });
      state = 'done';
    },
    abort() {
      if (state === 'open') rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * The absolute target, or a one-line refusal: "" , the current directory or one above it, a file, a
 * symbolic link, an input file or a directory holding one, a non-empty directory without the marker.
 */
export function checkOutputTarget(outDir: string, guard: OutputGuard = {}): string {
  const option = guard.option ?? '--out';
  const refuse = (why: string) => new CollabscopeError('E_OUTPUT', `${option} ${outDir === '' ? '""' : outDir}: ${why}; nothing was written`);
  if (outDir.trim() === '') throw refuse('empty path');
  const target = resolve(outDir);
  if (isInside(process.cwd(), target)) throw refuse('is the current directory or contains it; give a new directory');
  if (dirname(target) === target) throw refuse('is the root directory');
  for (const input of guard.inputs ?? []) {
    if (isInside(resolve(input), target)) throw refuse(`is or contains the input ${input}`);
  }
  for (const file of guard.keep ?? []) {
    if (isInside(resolve(file), target)) throw refuse(`contains ${file}, which it would replace`);
  }
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return target;
    throw refuse(`cannot be read (${fsErrorText(error)})`);
  }
  if (stats.isSymbolicLink()) throw refuse('is a symbolic link; give the directory itself');
  if (!stats.isDirectory()) throw refuse('exists and is not a directory');
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (error) {
    throw refuse(`cannot be read (${fsErrorText(error)})`);
  }
  if (entries.length > 0 && !isRunDir(target)) {
    throw refuse(`is not empty and holds no earlier collabscope run (no ${RUN_MARKER}); give a new or empty directory`);
  }
  return target;
}

/** True when the directory holds the marker of a collabscope run. */
export function isRunDir(dir: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, RUN_MARKER), 'utf8')) as { tool?: unknown };
    return marker.tool === 'collabscope';
  } catch {
    return false;
  }
}

function writeMarker(dir: string): void {
  writeFileSync(join(dir, RUN_MARKER), `${JSON.stringify({ tool: 'collabscope', version: TOOL_VERSION, created: new Date().toISOString() })}\n`);
}

/** `.NAME.tmp-PID-MS` and `.NAME.old-PID-MS` directories of processes that are no longer running. */
function removeLeftovers(parent: string, name: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(?:tmp|old)-(\\d+)-\\d+$`);
  for (const entry of readdirSync(parent)) {
    const match = pattern.exec(entry);
    if (!match || isRunning(Number(match[1]))) continue;
    const path = join(parent, entry);
    if (lstatSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // an earlier run of this process (tests) is over
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `path` is `dir` or lies inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function fsStep(option: string, outDir: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof CollabscopeError) throw error;
    throw new CollabscopeError('E_OUTPUT', `${option} ${outDir}: cannot write (${fsErrorText(error)})`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
