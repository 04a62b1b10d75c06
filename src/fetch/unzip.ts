// Zip archives (the ROR data dump) through yauzl: list the entries, stream one to a file atomically.
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CollabscopeError } from '../errors.js';

export interface ZipEntry {
  name: string;
  size: number;
}

function bad(path: string, error: unknown): CollabscopeError {
  return new CollabscopeError('E_BAD_RECORD', `${basename(path)}: not a readable zip archive (${(error as Error).message})`);
}

function open(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error || !zip ? reject(bad(path, error)) : resolve(zip))),
  );
}

/** Visits entries in order until `visit` returns true (the entry it wants) or the archive ends. */
async function walk(path: string, visit: (zip: yauzl.ZipFile, entry: yauzl.Entry) => Promise<boolean> | boolean): Promise<void> {
  const zip = await open(path);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error) => reject(bad(path, error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        Promise.resolve(visit(zip, entry)).then((done) => (done ? resolve() : zip.readEntry()), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

export async function listZip(path: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  await walk(path, (_, entry) => {
    entries.push({ name: entry.fileName, size: entry.uncompressedSize });
    return false;
  });
  return entries;
}

/** Streams one entry to dest (via a temporary file; yauzl checks the size, zlib the data). */
export async function extractEntry(path: string, wanted: ZipEntry, dest: string): Promise<void> {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.part-${process.pid}`;
  let found = false;
  try {
    await walk(path, async (zip, entry) => {
      if (entry.fileName !== wanted.name) return false;
      found = true;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error || !s ? reject(bad(path, error)) : resolve(s))),
      );
      await pipeline(stream, createWriteStream(tmp));
      return true;
    });
    if (!found) throw new CollabscopeError('E_BAD_RECORD', `${basename(path)}: no entry ${wanted.name}`);
    renameSync(tmp, dest);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error instanceof CollabscopeError ? error : bad(path, error);
  }
}
