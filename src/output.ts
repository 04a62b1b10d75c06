// Writes a run's output directory atomically: everything goes to a temporary sibling directory,
// which replaces the target only once complete, so a failed run never leaves a half-written result.
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { CollabscopeError } from './errors.js';
import type { Paper } from './types.js';

export async function writeOutputDir(outDir: string, write: (tmpDir: string) => Promise<void>): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    await write(tmp);
    const old = existsSync(target) ? join(parent, `.${basename(target)}.old-${process.pid}-${Date.now()}`) : null;
    if (old) renameSync(target, old);
    renameSync(tmp, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

export async function writePapersJsonl(path: string, papers: Iterable<Paper>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  for (const paper of papers) {
    if (!stream.write(`${JSON.stringify(paper)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

/** Writes JSON lines synchronously in large chunks, for writing papers while they are being built. */
export class JsonlFileWriter {
  private readonly fd: number;
  private buffer = '';

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(value: unknown): void {
    this.buffer += `${JSON.stringify(value)}\n`;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads papers.jsonl of an output directory written by `analyze`. */
export function readPapers(outDir: string): Paper[] {
  const path = join(outDir, 'papers.jsonl');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CollabscopeError('E_FILE_NOT_FOUND', `${path}: not found; run \`collabscope analyze ... --out ${outDir}\` first`);
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as Paper;
      } catch {
        throw new CollabscopeError('E_BAD_JSON', `${path}: line ${index + 1}: malformed JSON`);
      }
    });
}

export function readSummary(outDir: string): Record<string, unknown> {
  const path = join(outDir, 'summary.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new CollabscopeError('E_FILE_NOT_FOUND', `${path}: missing or unreadable; run \`collabscope analyze ... --out ${outDir}\` first`);
  }
}
