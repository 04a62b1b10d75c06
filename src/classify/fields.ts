// Research fields: the taxonomy's points per field and signal (field-points.ts) ranked by the trained
// field model (field-model.ts). The primary field is the model's best candidate; secondaries are the
// other fields with enough points (a share of the best points), in model order. Every reported field
// lists its evidence: the points of each signal with the terms behind them and that signal's
// contribution to the model score, plus a `model` record with the rest of the score (bias, named, ...).
import type { FieldEvidence, RawPaper } from '../types.js';
import type { TaxonomyFile } from './schema.js';
import { createFieldScorer, type Tally } from './field-points.js';
import { candidateFeatures, candidateFields, modelScore, paperContext, type FieldModel } from './field-model.js';

export { buildTermIndex } from './field-points.js';

export interface FieldResult {
  /** Primary first, then secondaries by model score. */
  fields: string[];
  /** What decided each reported field, strongest signal first. */
  evidence: FieldEvidence[];
}

interface Ranked {
  field: string;
  points: number;
  score: number;
  evidence: FieldEvidence[];
}

export function createFieldClassifier(taxonomy: TaxonomyFile, model: FieldModel): (paper: RawPaper) => FieldResult {
  const score = createFieldScorer(taxonomy);
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const scoring = taxonomy.scoring;
  return (paper) => {
    const tally = score(paper);
    const ranked = rankFields(tally, paper, model, order);
    const top = ranked[0];
    if (top.field === 'other' && top.points < scoring.minScore) {
      // one record, as before the model: the LLM step (src/llm/fields.ts) places exactly these papers
      return { fields: ['other'], evidence: [{ field: 'other', signal: 'fallback', terms: [], score: 0, contribution: round(top.score) }] };
    }
    const best = Math.max(...ranked.map((r) => r.points));
    const threshold = Math.max(scoring.secondaryMinScore, best * scoring.secondaryRatio);
    const chosen = [top, ...ranked.slice(1).filter((r) => r.points >= threshold)].slice(0, scoring.maxFields);
    return { fields: chosen.map((c) => c.field), evidence: chosen.flatMap((c) => c.evidence) };
  };
}

/** Every candidate field with its points, model score and evidence, best model score first (ties: taxonomy order). */
export function rankFields(tally: Tally, paper: RawPaper, model: FieldModel, order: ReadonlyMap<string, number>): Ranked[] {
  const context = paperContext(tally, paper.abstract !== null && paper.abstract.trim() !== '', order);
  return candidateFields(tally)
    .map((field) => {
      const features = candidateFeatures(tally, field, context, model);
      const total = modelScore(features, model.weights);
      const evidence = tally.evidence(field).map((e) => {
        const own = features.filter((f) => f.signal === e.signal);
        return { ...e, contribution: round(modelScore(own, model.weights)) };
      });
      const rest = features.filter((f) => f.signal === null);
      evidence.push({ field, signal: 'model', terms: rest.map((f) => f.name), score: round(total), contribution: round(modelScore(rest, model.weights)) });
      return { field, points: tally.total(field), score: total, evidence };
    })
    .sort((a, b) => b.score - a.score || (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
