// Loading the classifier's data files (taxonomy, technologies), validated by their zod schemas.
import { join } from 'node:path';
import { DATA_DIR, loadDataFile } from '../kb/load.js';
import type { CueFile, TaxonomyFile, TechnologyFile } from './schema.js';
import { lazyModule } from '../lazy-module.js';

/** The schemas (and zod) are loaded only to check a file whose checked form is not cached (kb/load.ts). */
const schemas = await lazyModule<typeof import('./schema.js')>('./schema.js', import.meta.url, () => import('./schema.js'));

export const TAXONOMY_FILE = join(DATA_DIR, 'taxonomy', 'fields.json');
export const TECHNOLOGIES_FILE = join(DATA_DIR, 'technologies', 'technologies.json');
export const CUES_FILE = join(DATA_DIR, 'technologies', 'cues.json');

export function loadTaxonomy(path: string = TAXONOMY_FILE): TaxonomyFile {
  return loadDataFile(path, () => schemas().TaxonomyFileSchema);
}

export function loadTechnologies(path: string = TECHNOLOGIES_FILE): TechnologyFile {
  return loadDataFile(path, () => schemas().TechnologyFileSchema);
}

export function loadCues(path: string = CUES_FILE): CueFile {
  return loadDataFile(path, () => schemas().CueFileSchema);
}
