// The resolve hook behind trace-imports.mjs (runs on the loader thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.TRACE_IMPORTS_FILE && result.url.startsWith('file:')) appendFileSync(process.env.TRACE_IMPORTS_FILE, `${result.url}\n`);
  return result;
}
