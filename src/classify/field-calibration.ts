// Per-field bias recalibration of the field model (TrainOptions.recalibrate): the logit's biases are the
// maximum-likelihood ones, not necessarily the ones that get the most primary fields right. An inner
// cross-validation on the training papers gives every training paper out-of-fold candidate scores; offsets
// per field (added to `<field>:bias`) are then chosen by coordinate ascent on the number of those papers
// whose best-scoring candidate is the label. Only training papers are read, so inside an outer
// cross-validation fold the offsets are chosen without the fold's test papers (nested).
import { createHash } from 'node:crypto';
import type { TaxonomyFile } from './schema.js';
import { candidateFields, compileModel, paperContext, paperText, paperVectors, modelCentroids, type FieldModel } from './field-model.js';
import type { Scored } from './field-training.js';

/** Offsets tried for each field, and the passes over the fields. */
const STEPS = [-1.5, -1.2, -0.9, -0.7, -0.5, -0.35, -0.2, -0.1, 0, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.2, 1.5];
const PASSES = 3;

/** One paper's out-of-fold candidates: field index (taxonomy order) and model score; the label's candidate index. */
interface Candidates {
  fields: Int32Array;
  scores: Float64Array;
  label: number;
}

/** Each candidate's model score under a model (the classifier's ranking before ties). */
export function candidateScores(taxonomy: TaxonomyFile, model: FieldModel, items: Scored[]): Array<{ fields: string[]; scores: number[] }> {
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const scorer = compileModel(model, taxonomy.fields.map((f) => f.id));
  const centroids = modelCentroids(model, taxonomy.fields);
  return items.map((item) => {
    const paper = item.paper.paper;
    const context = paperContext(item.tally, paper.abstract !== null && paper.abstract.trim() !== '', order, paperText(paper, model), paperVectors(paper, model), centroids);
    const fields = candidateFields(item.tally);
    return { fields, scores: fields.map((f) => scorer.score(item.tally, f, context)) };
  });
}

/**
 * Per-field offsets chosen on out-of-fold scores of the training papers (`folds` plain folds by a hash of
 * the reference; `train` fits a model on a subset). A field's offset moves only when it gets more papers
 * right (ties keep the smaller offset), so fields the data says nothing about stay at 0.
 */
export function recalibrateBiases(taxonomy: TaxonomyFile, items: Scored[], train: (subset: Scored[]) => FieldModel, folds = 3): Record<string, number> {
  const ids = taxonomy.fields.map((f) => f.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const foldOf = (item: Scored) => createHash('sha256').update(`${item.paper.paper.source.file}#${item.paper.paper.source.index}`).digest()[2] % folds;
  const oof: Candidates[] = [];
  for (let k = 0; k < folds; k++) {
    const test = items.filter((i) => foldOf(i) === k);
    const model = train(items.filter((i) => foldOf(i) !== k));
    candidateScores(taxonomy, model, test).forEach(({ fields, scores }, j) => {
      const label = fields.indexOf(test[j].paper.primaryField);
      if (label >= 0) oof.push({ fields: Int32Array.from(fields, (f) => order.get(f) ?? 0), scores: Float64Array.from(scores), label });
    });
  }
  const offsets = new Float64Array(ids.length);
  const right = () => {
    let n = 0;
    for (const c of oof) {
      let best = 0;
      for (let i = 1; i < c.fields.length; i++) {
        const a = c.scores[i] + offsets[c.fields[i]];
        const b = c.scores[best] + offsets[c.fields[best]];
        if (a > b || (a === b && c.fields[i] < c.fields[best])) best = i;
      }
      if (best === c.label) n++;
    }
    return n;
  };
  let current = right();
  for (let pass = 0; pass < PASSES; pass++) {
    let moved = false;
    for (let f = 0; f < ids.length; f++) {
      const start = offsets[f];
      let bestValue = start;
      let bestRight = current;
      for (const step of STEPS) {
        offsets[f] = step;
        const n = right();
        if (n > bestRight || (n === bestRight && Math.abs(step) < Math.abs(bestValue))) [bestValue, bestRight] = [step, n];
      }
      offsets[f] = bestValue;
      if (bestValue !== start) moved = true;
      current = bestRight;
    }
    if (!moved) break;
  }
  const out: Record<string, number> = {};
  ids.forEach((id, f) => {
    if (offsets[f] !== 0) out[id] = offsets[f];
  });
  return out;
}
