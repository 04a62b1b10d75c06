// Research fields and technology flow: the classify stage of the pipeline.
// Data files are read and every index and regular expression is built once, in createClassifier.
import type { RawPaper, TechnologyHit } from '../types.js';
import { loadCues, loadTaxonomy, loadTechnologies, CUES_FILE, TAXONOMY_FILE, TECHNOLOGIES_FILE } from './data.js';
import { createFieldClassifier, type FieldResult } from './fields.js';
import { loadFieldModel, FIELD_MODEL_FILE } from './field-model.js';
import { createTechnologyDetector } from './technologies.js';

export type { FieldResult } from './fields.js';
export { countsAs, summarizeTechFlow, ABSTRACT_WARNING_SHARE, type TechCount, type TechFlowOptions, type TechFlowSummary } from './techflow.js';
export { loadFieldModel, FIELD_MODEL_FILE } from './field-model.js';
export { loadCues, loadTaxonomy, loadTechnologies, CUES_FILE, TAXONOMY_FILE, TECHNOLOGIES_FILE } from './data.js';

export interface Classifier {
  classifyFields(paper: RawPaper): FieldResult;
  detectTechnologies(paper: RawPaper): TechnologyHit[];
}

export interface ClassifierOptions {
  /** Another taxonomy file (default data/taxonomy/fields.json). */
  taxonomyFile?: string;
  /** Another field model file (default data/taxonomy/field-model.json). */
  fieldModelFile?: string;
  /** Another technology file (default data/technologies/technologies.json). */
  technologiesFile?: string;
  /** Another use/mention cue file (default data/technologies/cues.json). */
  cuesFile?: string;
}

export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const classifyFields = createFieldClassifier(loadTaxonomy(options.taxonomyFile ?? TAXONOMY_FILE), loadFieldModel(options.fieldModelFile ?? FIELD_MODEL_FILE));
  const detectTechnologies = createTechnologyDetector(loadTechnologies(options.technologiesFile ?? TECHNOLOGIES_FILE), loadCues(options.cuesFile ?? CUES_FILE));
  return { classifyFields, detectTechnologies };
}
