// Loading the classifier's data files (taxonomy, technologies), validated by their zod schemas.
import { join } from 'node:path';
import { DATA_DIR, loadDataFile } from '../kb/load.js';
import { CueFileSchema, TaxonomyFileSchema, TechnologyFileSchema, type CueFile, type TaxonomyFile, type TechnologyFile } from './schema.js';

export const TAXONOMY_FILE = join(DATA_DIR, 'taxonomy', 'fields.json');
export const TECHNOLOGIES_FILE = join(DATA_DIR, 'technologies', 'technologies.json');
export const CUES_FILE = join(DATA_DIR, 'technologies', 'cues.json');

export function loadTaxonomy(path: string = TAXONOMY_FILE): TaxonomyFile {
  return loadDataFile(path, TaxonomyFileSchema);
}

export function loadTechnologies(path: string = TECHNOLOGIES_FILE): TechnologyFile {
  return loadDataFile(path, TechnologyFileSchema);
}

export function loadCues(path: string = CUES_FILE): CueFile {
  return loadDataFile(path, CueFileSchema);
}
