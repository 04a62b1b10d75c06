// Loading and validating institution files of the knowledge base.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CollabscopeError } from '../errors.js';
import { InstitutionFileSchema, type Institution } from './schema.js';

/** The package's own data folder, found from this module (works from src/ and dist/). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const CURATED_DIR = join(DATA_DIR, 'kb', 'institutions');

export function loadInstitutionFile(path: string): Institution[] {
  return loadDataFile(path, InstitutionFileSchema, 'record ') as Institution[];
}

/**
 * A data file of the package or the user (knowledge base, taxonomy, technologies): JSON checked by
 * its zod schema, or an E_KB error naming the file and the first problem.
 */
export function loadDataFile<T>(path: string, schema: z.ZodType<T>, where = ''): T {
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

/** Every curated institution file, in name order. */
export function loadCuratedInstitutions(dir: string = CURATED_DIR): Institution[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((f) => loadInstitutionFile(join(dir, f)));
}
