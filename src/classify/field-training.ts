// Training and cross-validating the field model on hand-labelled papers (used by scripts/train-fields.ts
// and its tests). A paper becomes a choice among its candidate fields (every field with points, and
// `other`); a paper whose labelled field is not a candidate cannot be learned from and counts as a miss.
import type { RawPaper } from '../types.js';
import type { TaxonomyFile } from './schema.js';
import { createFieldScorer, type Tally } from './field-points.js';
import { candidateFeatures, candidateFields, paperContext, type FieldModel } from './field-model.js';
import { fitConditionalLogit, type Choice } from './fit-logit.js';
import { createFieldClassifier } from './fields.js';

export interface LabelledPaper {
  paper: RawPaper;
  primaryField: string;
  /** Group for grouped cross-validation (the venue family: "cvpr" for cvpr2019.json). */
  group: string;
}

export interface TrainOptions {
  transform: FieldModel['transform'];
  scale: number;
  l2: number;
  /** The L2 penalty of the `terms` and `cross` weights is l2 x this (they are many and sparse). */
  sparseFactor: number;
  features: FieldModel['features'];
  /** Also learn from a title-only copy of every paper (no abstract, no keywords), labelled the same. */
  titleOnlyCopies: boolean;
  /** Weights the fit is pulled to instead of 0 (a feature no training paper shows keeps its prior). */
  priors: Record<string, number>;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { transform: 'log1p', scale: 10, l2: 0.0003,
  sparseFactor: 3,
  features: ['terms', 'cross', 'lead', 'no-abstract'],
  titleOnlyCopies: true,
  // No labelled paper has a track rule's track (the NeurIPS Datasets and Benchmarks track): the rule keeps
  // its hand-set meaning, a track names the field (12 points, log1p(1.2) x 4 = +3.2 to the score).
  priors: { track: 4 },
};

export interface Scored {
  paper: LabelledPaper;
  tally: Tally;
}

/** Each paper's points, computed once (training and cross-validation reuse them). */
export function scorePapers(taxonomy: TaxonomyFile, papers: LabelledPaper[]): Scored[] {
  const score = createFieldScorer(taxonomy);
  return papers.map((paper) => ({ paper, tally: score(paper.paper) }));
}

/** A paper as a source with titles only would give it: no abstract, no keywords. */
export function titleOnly(paper: LabelledPaper): LabelledPaper {
  return { ...paper, paper: { ...paper.paper, abstract: null, keywords: [] } };
}

function toChoice(taxonomy: TaxonomyFile, item: Scored, options: TrainOptions): Choice | null {
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const abstract = item.paper.paper.abstract;
  const context = paperContext(item.tally, abstract !== null && abstract.trim() !== '', order);
  const fields = candidateFields(item.tally);
  const label = fields.indexOf(item.paper.primaryField);
  if (label < 0) return null;
  const candidates = fields.map((field) => new Map(candidateFeatures(item.tally, field, context, options).map((f) => [f.name, f.value])));
  return { candidates, label };
}

/** Fits the model's weights on the scored papers. Deterministic. */
export function trainFieldModel(taxonomy: TaxonomyFile, items: Scored[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS, trainedOn: FieldModel['trainedOn'] = { labels: [], papers: items.length, files: [] }): FieldModel {
  const copies = options.titleOnlyCopies ? scorePapers(taxonomy, items.filter((i) => i.paper.paper.abstract || i.paper.paper.keywords.length).map((i) => titleOnly(i.paper))) : [];
  const choices = [...items, ...copies].map((item) => toChoice(taxonomy, item, options)).filter((c): c is Choice => c !== null);
  const sparse = (name: string) => name.includes(':term:') || name.includes(':with:');
  const { weights } = fitConditionalLogit(choices, { l2: (name) => options.l2 * (sparse(name) ? options.sparseFactor : 1), priors: options.priors });
  const rounded: Record<string, number> = {};
  for (const [name, weight] of [...weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (weight !== 0) rounded[name] = Math.round(weight * 1e4) / 1e4;
  return {
    version: 1,
    transform: options.transform,
    scale: options.scale,
    features: options.features,
    l2: options.l2,
    sparseFactor: options.sparseFactor,
    titleOnlyCopies: options.titleOnlyCopies,
    priors: options.priors,
    trainedOn,
    weights: rounded,
  };
}

export interface FoldResult {
  name: string;
  n: number;
  correct: number;
  /** Correct when the test papers are read from their titles alone (as on NeurIPS 2024). */
  titleOnlyCorrect: number;
  /** The test papers' labelled and predicted primary fields (from the whole record and from the title alone). */
  predictions: Array<{ item: Scored; predicted: string; titleOnly: string }>;
}

/**
 * Cross-validated primary-field accuracy: for each fold, train on the other folds and count the test
 * fold's papers whose primary field is the label. Folds are given as a key per paper.
 */
export function crossValidate(taxonomy: TaxonomyFile, items: Scored[], foldOf: (item: Scored, i: number) => string, options: TrainOptions = DEFAULT_TRAIN_OPTIONS): FoldResult[] {
  const folds = [...new Set(items.map(foldOf))].sort();
  return folds.map((name) => {
    const train = items.filter((item, i) => foldOf(item, i) !== name);
    const test = items.filter((item, i) => foldOf(item, i) === name);
    const classify = createFieldClassifier(taxonomy, trainFieldModel(taxonomy, train, options));
    const predictions = test.map((item) => ({ item, predicted: classify(item.paper.paper).fields[0], titleOnly: classify(titleOnly(item.paper).paper).fields[0] }));
    const correct = predictions.filter((p) => p.predicted === p.item.paper.primaryField).length;
    const titleOnlyCorrect = predictions.filter((p) => p.titleOnly === p.item.paper.primaryField).length;
    return { name, n: test.length, correct, titleOnlyCorrect, predictions };
  });
}

/** Venue family of a shared list file name: "cvpr2019.json" -> "cvpr". */
export function venueFamily(file: string): string {
  return file.replace(/\.json$/, '').replace(/\d+$/, '');
}
