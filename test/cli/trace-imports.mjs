// Test helper: `node --import ./trace-imports.mjs ...` appends the URL of every file module the process
// loads to $TRACE_IMPORTS_FILE (one a line), so a test can check which modules a command pulls in.
import { register } from 'node:module';
register('./trace-imports-hooks.mjs', import.meta.url);
