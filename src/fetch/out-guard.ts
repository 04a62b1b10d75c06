// What `fetch` may replace: a file it wrote itself, known by the venue/year sidecar it writes beside
// every output (`<file>.collabscope.json` with the source). Anything else at the target, or at the
// sidecar's name, is the user's: refused with one line before anything is downloaded or written.
import { readFileSync, statSync } from 'node:fs';
import { CollabscopeError } from '../errors.js';
import { SIDECAR_SUFFIX } from '../sources/common.js';
import { FETCH_SOURCES } from '../defaults.js';

/** Whether `path` holds a sidecar that fetch wrote (venue, year and a known source). */
function isOurSidecar(path: string): boolean {
  try {
    const meta = JSON.parse(readFileSync(path, 'utf8')) as { venue?: unknown; year?: unknown; source?: unknown };
    return typeof meta.venue === 'string' && Number.isInteger(meta.year) && (FETCH_SOURCES as readonly string[]).includes(String(meta.source));
  } catch {
    return false;
  }
}

function kind(path: string): 'none' | 'file' | 'other' {
  try {
    return statSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}

/** Throws E_OUTPUT when writing `path` (and its sidecar) would replace a file collabscope did not write. */
export function assertFetchTarget(path: string): void {
  const sidecar = `${path}${SIDECAR_SUFFIX}`;
  const target = kind(path);
  const side = kind(sidecar);
  const ours = side === 'file' && isOurSidecar(sidecar);
  if (side !== 'none' && !ours) {
    throw new CollabscopeError('E_OUTPUT', `--out ${path}: ${sidecar} exists and was not written by collabscope; give a new file name; nothing was fetched`);
  }
  if (target === 'other' || (target === 'file' && !ours)) {
    throw new CollabscopeError('E_OUTPUT', `--out ${path}: exists and was not written by collabscope fetch; give a new file name; nothing was fetched`);
  }
}
