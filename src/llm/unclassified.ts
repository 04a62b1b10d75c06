// Which papers a language model is asked to classify; its own module so that the pipeline can tell them
// apart without loading the language-model code (and zod) in runs that use none.
import type { Paper } from '../types.js';

/** A paper the classifier left unplaced: its only field is the fallback "other". */
export function isUnclassified(paper: Pick<Paper, 'fieldEvidence'>): boolean {
  return paper.fieldEvidence.length === 1 && paper.fieldEvidence[0].signal === 'fallback';
}
