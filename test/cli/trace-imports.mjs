// Test helper: `node --import ./trace-imports.mjs ...` appends the URL of every file module the process
// loads to $TRACE_IMPORTS_FILE (one a line), so a test can check which modules a command pulls in:
// ES modules as they are resolved (the hook), and at exit every module `require` loaded (CommonJS, or
// an ES module loaded synchronously by src/lazy-module.ts), which the hook does not see.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./trace-imports-hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const file = process.env.TRACE_IMPORTS_FILE;
  if (!file) return;
  const required = Object.keys(cache).filter((path) => path.startsWith('/'));
  if (required.length > 0) appendFileSync(file, required.map((path) => `${pathToFileURL(path).href}\n`).join(''));
});
