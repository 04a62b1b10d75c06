// The files of a run's output directory (the directory itself is guarded and swapped in by
// output-dir.ts, re-exported here).
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CollabscopeError } from './errors.js';
import type { Paper } from './types.js';
import { paperJson } from './papers-jsonl.js';

export { writeOutputDir, prepareOutputDir, checkOutputTarget, isRunDir, RUN_MARKER, type PendingOutputDir, type OutputGuard } from './output-dir.js';

export async function writePapersJsonl(path: string, papers: Iterable<Paper>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  for (const paper of papers) {
    if (!stream.write(`${paperJson(paper)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
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
