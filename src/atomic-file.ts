// Writing a file atomically: a temporary sibling (`.NAME.tmp-PID-RANDOM`), then a rename, so a reader
// never sees half a file and a failed or interrupted write leaves the old file in place.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CollabscopeError, fsErrorText, type ErrorCode } from './errors.js';

/**
 * Writes `content` to `path` atomically; a failure removes the temporary file and throws one line under `code`,
 * starting with `label` (the path, or the option that named it, e.g. `--html out.html`).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, code: ErrorCode, label: string = path): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CollabscopeError(code, `${label}: cannot write (${fsErrorText(error)})`);
  }
}
