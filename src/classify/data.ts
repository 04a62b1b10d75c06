// Loading the classifier's data files (taxonomy, technologies), validated by their zod schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CollabscopeError } from '../errors.js';
import { DATA_DIR } from '../kb/load.js';
import { TaxonomyFileSchema, TechnologyFileSchema, type TaxonomyFile, type TechnologyFile } from './schema.js';

export const TAXONOMY_FILE = join(DATA_DIR, 'taxonomy', 'fields.json');
export const TECHNOLOGIES_FILE = join(DATA_DIR, 'technologies', 'technologies.json');

export function loadTaxonomy(path: string = TAXONOMY_FILE): TaxonomyFile {
  return loadDataFile(path, TaxonomyFileSchema);
}

export function loadTechnologies(path: string = TECHNOLOGIES_FILE): TechnologyFile {
  return loadDataFile(path, TechnologyFileSchema);
}

function loadDataFile<T>(path: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CollabscopeError('E_KB', `${path}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CollabscopeError('E_KB', `${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}
