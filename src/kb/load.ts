// Loading and validating institution files of the knowledge base.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { CollabscopeError } from '../errors.js';
import { cacheDir } from '../home.js';
import type { Institution } from './schema.js';
import { writeFileAtomic } from '../atomic-file.js';
import { cacheFolders } from '../resolve/cache.js';
import { lazyModule } from '../lazy-module.js';

/** The schemas (and zod) are loaded only to check a file whose checked form is not cached. */
const schemas = await lazyModule<typeof import('./schema.js')>('./schema.js', import.meta.url, () => import('./schema.js'));

/** The package's own data folder, found from this module (works from src/ and dist/). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const CURATED_DIR = join(DATA_DIR, 'kb', 'institutions');

export function loadInstitutionFile(path: string): Institution[] {
  return loadDataFile(path, () => schemas().InstitutionFileSchema, 'record ') as Institution[];
}

/**
 * A data file of the package or the user (knowledge base, taxonomy, technologies): JSON checked by
 * its zod schema, or an E_KB error naming the file and the first problem. A file that passed is not
 * checked again (see checkedOnce). The schema may be given as a function that returns it, called only
 * when the file is checked (so that a run with every file's checked form cached loads no zod).
 */
export function loadDataFile<T>(path: string, schema: z.ZodType<T> | (() => z.ZodType<T>), where = ''): T {
  return checkedOnce(path, () => checkDataFile(path, typeof schema === 'function' ? schema() : schema, where));
}

function checkDataFile<T>(path: string, schema: z.ZodType<T>, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CollabscopeError('E_KB', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CollabscopeError('E_KB', `${path}: ${where}${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The package's code folder (dist/ or src/), whose files define the schemas. */
const CODE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let codeStamp: string | null = null;

/** Every code file's path, size and time: a changed schema anywhere gives another stamp. */
function stampOfCode(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = dir + sep + entry.name; // join's result (dir is resolved, a name has no separator), without its normalising
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const stat = statSync(path);
        hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(CODE_DIR);
  return hash.digest('hex');
}

/**
 * A data file's checked form, kept under a hash of its content and of the code (which holds the
 * schemas): checking a large file against its schema costs far more than reading the result back. The
 * package's own data files are kept in the install-wide cache folder when it can be written (shared by
 * every user and home of the install: node_modules/.cache/collabscope/checked/, see resolve/cache.ts),
 * else, like a user's files, in the user cache ($COLLABSCOPE_HOME/cache/checked/). Only a result that
 * JSON gives back exactly is kept; a cache that cannot be read or written is no error (the file is
 * then checked every time).
 */
function checkedOnce<T>(path: string, check: () => T): T {
  let key: string;
  try {
    codeStamp ??= stampOfCode();
    key = createHash('sha256').update(codeStamp).update('\0').update(readFileSync(path)).digest('hex').slice(0, 24);
  } catch {
    return check();
  }
  const packageData = resolve(path).startsWith(DATA_DIR + sep);
  const folders = (packageData ? cacheFolders() : [cacheDir()]).map((folder) => join(folder, 'checked'));
  for (const folder of folders) {
    const cached = join(folder, `${key}.json`);
    if (!existsSync(cached)) continue;
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as T;
    } catch {
      // damaged: checked again and replaced
    }
  }
  const value = check();
  const text = JSON.stringify(value);
  if (isDeepStrictEqual(JSON.parse(text), value)) {
    for (const folder of folders) {
      try {
        writeFileAtomic(join(folder, `${key}.json`), text, 'E_KB');
        pruneChecked(folder);
        break;
      } catch {
        // read-only: the next folder
      }
    }
  }
  return value;
}

/** Checked forms kept per folder: older ones (other contents, earlier code) are removed beyond this. */
const KEEP_CHECKED = 64;

function pruneChecked(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length <= KEEP_CHECKED) return;
  const byAge = files.map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.at - a.at);
  for (const { f } of byAge.slice(KEEP_CHECKED)) rmSync(join(dir, f), { force: true });
}

/** Every curated institution file, in name order. */
export function loadCuratedInstitutions(dir: string = CURATED_DIR): Institution[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((f) => loadInstitutionFile(join(dir, f)));
}
