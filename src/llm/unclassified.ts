// Which papers a language model is asked to classify; its own module so that the pipeline can tell them
// apart without loading the language-model code (and zod) in runs that use none.
import type { Paper } from '../types.js';

/** Which papers `--llm-fields` asks about: those the classifier left unplaced, or every paper. */
export type LlmFieldsScope = 'unplaced' | 'all';
export const LLM_FIELDS_SCOPES: readonly LlmFieldsScope[] = ['unplaced', 'all'];

/** A paper the classifier left unplaced: its only field is the fallback "other". */
export function isUnclassified(paper: Pick<Paper, 'fieldEvidence'>): boolean {
  return paper.fieldEvidence.length === 1 && paper.fieldEvidence[0].signal === 'fallback';
}

/** Whether a paper's text is kept for the model under this scope (none kept without one). */
export function keepsText(paper: Pick<Paper, 'fieldEvidence'>, scope: LlmFieldsScope | undefined): boolean {
  return scope === 'all' || (scope === 'unplaced' && isUnclassified(paper));
}
