// A module loaded only when first needed, synchronously: for what a rare path alone uses, such as the
// zod schemas of the data files, needed only when a file's checked form is not cached (kb/load.ts), so
// that a run whose data files are all cached never loads zod (about 0.15 s of a small run's CPU).
//
// It is `require` of the module (of an ES module: Node >= 20.19 or 22.12). An older Node cannot load an
// ES module synchronously: there the module is imported at once instead (the caller awaits `lazyModule`
// at its top level), which costs the start-up time but gives the same answers.
import { createRequire } from 'node:module';

const requireModule = Boolean((process.features as { require_module?: boolean }).require_module);

/**
 * A getter of the module `specifier` (resolved from `from`, the caller's import.meta.url). `load` is the
 * same import written out (`() => import('./schema.js')`), used only where require cannot load it.
 */
export async function lazyModule<T>(specifier: string, from: string, load: () => Promise<T>): Promise<() => T> {
  if (!requireModule) {
    const loaded = await load();
    return () => loaded;
  }
  return requireLazily<T>(specifier, from);
}

/** A getter of a CommonJS package (or its part) loaded the first time it is asked for: for a package
 *  only some inputs or options use (CSV, a terminal's progress bar). */
export function requireLazily<T>(specifier: string, from: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(from)(specifier) as T);
}
