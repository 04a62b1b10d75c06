// Reading the resolver's rule tables (data/resolve/*.json): small hand-written lists, not code branches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../kb/load.js';

export const RESOLVE_DATA_DIR = join(DATA_DIR, 'resolve');

export function readDataJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(RESOLVE_DATA_DIR, name), 'utf8')) as T;
}
