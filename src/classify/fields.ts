// Research fields: the taxonomy's points per field and signal (field-points.ts) ranked by the trained
// field model (field-model.ts). The primary field is the model's best candidate; secondaries are the
// other fields with enough points (a share of the best points), in model order. Every reported field
// lists its evidence: the points of each signal with the terms behind them and that signal's
// contribution to the model score, plus a `model` record with the rest of the score (bias, named, ...).
import type { FieldEvidence, RawPaper } from '../types.js';
import type { TaxonomyFile } from './schema.js';
import { createFieldScorer, type Tally } from './field-points.js';
import { candidateFields, compileModel, paperContext, paperText, paperVectors, modelCentroids, type FieldModel, type ModelScorer, type PaperContext } from './field-model.js';

export { buildTermIndex } from './field-points.js';

export interface FieldResult {
  /** Primary first, then secondaries by model score. */
  fields: string[];
  /** What decided each reported field, strongest signal first. */
  evidence: FieldEvidence[];
}

export function createFieldClassifier(taxonomy: TaxonomyFile, model: FieldModel): (paper: RawPaper) => FieldResult {
  const score = createFieldScorer(taxonomy);
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const scorer = compileModel(model, taxonomy.fields.map((f) => f.id));
  const scoring = taxonomy.scoring;
  const centroids = modelCentroids(model, taxonomy.fields);
  return (paper) => {
    const tally = score(paper);
    const context = paperContext(tally, paper.abstract !== null && paper.abstract.trim() !== '', order, paperText(paper, model), paperVectors(paper, model), centroids);
    const ranked = candidateFields(tally)
      .map((field) => ({ field, points: context.totals.get(field) ?? 0, score: scorer.score(tally, field, context) }))
      .sort((a, b) => b.score - a.score || (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
    const top = ranked[0];
    if (top.field === 'other' && top.points < scoring.minScore) {
      // one record, as before the model: the LLM step (src/llm/fields.ts) places exactly these papers
      return { fields: ['other'], evidence: [{ field: 'other', signal: 'fallback', terms: [], score: 0, contribution: round(top.score) }] };
    }
    const best = Math.max(...ranked.map((r) => r.points));
    const threshold = Math.max(scoring.secondaryMinScore, best * scoring.secondaryRatio);
    const chosen = [top, ...ranked.slice(1).filter((r) => r.points >= threshold)].slice(0, scoring.maxFields);
    return { fields: chosen.map((c) => c.field), evidence: chosen.flatMap((c) => explainField(tally, c.field, context, scorer)) };
  };
}

/**
 * A field's evidence: the points of each signal with their terms and what that signal adds to the
 * model score, then a `model` record: the field's model score and the other features behind it.
 */
export function explainField(tally: Tally, field: string, context: PaperContext, scorer: ModelScorer): FieldEvidence[] {
  const parts = scorer.explain(tally, field, context);
  const evidence: FieldEvidence[] = tally.evidence(field);
  for (const e of evidence) e.contribution = round(parts.bySignal.find((p) => p.signal === e.signal)?.contribution ?? 0);
  evidence.push({ field, signal: 'model', terms: parts.rest.names, score: round(parts.score), contribution: round(parts.rest.contribution) });
  // the hashed words' part: one number per field (the words themselves are not stored)
  if (context.text) evidence.push({ field, signal: 'text-model', terms: [], score: 0, contribution: round(parts.text) });
  // the word vectors' part: one number per field (a weight per dimension of the document vector)
  if (context.vectors) evidence.push({ field, signal: 'vectors-model', terms: [], score: 0, contribution: round(parts.vectors) });
  return evidence;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
