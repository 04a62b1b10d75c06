// The files of a run's output directory (the directory itself is guarded and swapped in by
// output-dir.ts, re-exported here).
import { closeSync, createWriteStream, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CollabscopeError } from './errors.js';
import type { Paper } from './types.js';

export { writeOutputDir, prepareOutputDir, checkOutputTarget, isRunDir, RUN_MARKER, type PendingOutputDir, type OutputGuard } from './output-dir.js';

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
