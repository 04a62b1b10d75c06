// Rewrites papers.jsonl of a run being written, line by line, replacing the papers a later run-level
// pass changed (src/resolve/unlocated.ts): the file was streamed out as papers were built, and the
// field evidence kept only there is carried over untouched.
import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Paper } from './types.js';

/** Replaces `authors` and `countries` of the papers in `changed` (by id); other lines stay byte for byte. */
export async function patchPapersJsonl(path: string, changed: ReadonlyMap<string, Paper>): Promise<void> {
  const tmp = `${path}.patch`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    let text = line;
    const paper = changed.get(idOf(line));
    if (paper) text = JSON.stringify({ ...(JSON.parse(line) as Paper), authors: paper.authors, countries: paper.countries });
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
}

/** The id of a papers.jsonl line (its first key) without parsing the whole line; '' when there is none. */
function idOf(line: string): string {
  const match = /^\{"id":("(?:[^"\\]|\\.)*")/.exec(line);
  if (match) return JSON.parse(match[1]) as string;
  return line.trim() ? String((JSON.parse(line) as Paper).id) : '';
}
