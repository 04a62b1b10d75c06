// The field model: a conditional-logit ranker over the fields a paper has evidence for, trained on
// hand-labelled papers (scripts/train-fields.ts) and stored as named weights in data/taxonomy/field-model.json.
// Its features are only collabscope's own vocabulary: the points each signal (venue label, track, title,
// keywords, abstract, venue prior) gives a field through the taxonomy's hand-written terms and rules,
// whether the venue named the field, whether the paper has an abstract, and how the field ranks by points.
// A field's model score is the sum of weight x feature value, so each signal's contribution can be shown.
import { dirname, join } from 'node:path';
import { DATA_DIR, loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import type { RawPaper } from '../types.js';
import { SIGNAL_ORDER, type Signal, type Tally } from './field-points.js';
import type { FieldModel } from './schema.js';
import { compileTextWeights, textScore, textVector, type TextVector } from './field-text.js';
import { cosine, documentVector, fieldCentroids, loadWordVectors, vectorScore, WORD_VECTORS_FILE } from './field-vectors.js';

export type { FieldModel } from './schema.js';

/** The schema (and zod) is loaded only to check a file whose checked form is not cached (kb/load.ts). */
const schemas = await lazyModule<typeof import('./schema.js')>('./schema.js', import.meta.url, () => import('./schema.js'));

export const FIELD_MODEL_FILE = join(DATA_DIR, 'taxonomy', 'field-model.json');

export function loadFieldModel(path: string = FIELD_MODEL_FILE): FieldModel {
  return loadDataFile(path, () => schemas().FieldModelSchema);
}

/** What the model reads about the paper as a whole, beside each field's points. */
export interface PaperContext {
  hasAbstract: boolean;
  /** The field with the most points (ties: taxonomy order), `other` excluded; null when none has points. */
  topField: string | null;
  /** The most points any field but `other` has. */
  maxPoints: number;
  /** Every field's points, `other` included. */
  totals: Map<string, number>;
  /** The paper's hashed words (field-text.ts), when the model has a text part. */
  text: TextVector | null;
  /** The paper's document vector (field-vectors.ts), when the model has a vectors part. */
  vectors: Float64Array | null;
  /** Per field, the cosine of the document vector and the field's definition vector (the `similarity` feature). */
  similarity: Map<string, number> | null;
}

/** One feature of a candidate field: its name in the model file, its value, and the signal it comes from. */
export interface Feature {
  name: string;
  value: number;
  signal: Signal | null;
}

/** The paper's hashed words as the model's text part reads them; null for a model without one. */
export function paperText(paper: RawPaper, model: Pick<FieldModel, 'text'>): TextVector | null {
  return model.text ? textVector(paper, model.text) : null;
}

/** The word-vector file of a model's vectors part (a path relative to data/taxonomy, or absolute). */
export function wordVectorsPath(file: string): string {
  return file.startsWith('/') ? file : join(dirname(WORD_VECTORS_FILE), file);
}

/** The paper's document vector as the model's vectors part reads it; null for a model without one. */
export function paperVectors(paper: RawPaper, model: Pick<FieldModel, 'vectors'>): Float64Array | null {
  return model.vectors ? documentVector(paper, loadWordVectors(wordVectorsPath(model.vectors.file)), model.vectors.titleWeight) : null;
}

type TaxonomyFields = Parameters<typeof fieldCentroids>[0];

/** The definition vectors the `similarity` feature compares with; null when the model does not use it. */
export function modelCentroids(model: Pick<FieldModel, 'vectors' | 'features'>, fields: TaxonomyFields): Map<string, Float64Array> | null {
  return model.vectors && model.features.includes('similarity') ? fieldCentroids(fields, loadWordVectors(wordVectorsPath(model.vectors.file))) : null;
}

export function paperContext(tally: Tally, hasAbstract: boolean, order: ReadonlyMap<string, number>, text: TextVector | null = null, vectors: Float64Array | null = null, centroids: Map<string, Float64Array> | null = null): PaperContext {
  let topField: string | null = null;
  let maxPoints = 0;
  const totals = new Map<string, number>();
  for (const field of tally.fields()) {
    const points = tally.total(field);
    totals.set(field, points);
    if (field === 'other' || points <= 0) continue;
    const earlier = topField !== null && (order.get(field) ?? 0) < (order.get(topField) ?? 0);
    if (points > maxPoints || (points === maxPoints && earlier)) [topField, maxPoints] = [field, points];
  }
  const similarity = vectors && centroids ? new Map([...centroids].map(([field, c]) => [field, cosine(vectors, c)])) : null;
  return { hasAbstract, topField, maxPoints, totals, text, vectors, similarity };
}

/**
 * A candidate field's features. Per signal: a shared weight (`title`) and a field's own (`vision:title`);
 * per field: a bias (`vision:bias`) and a bias for papers with no abstract (`vision:no-abstract`); shared:
 * the venue named it (`named`), it has the most points (`top`), its share of the most points (`share`);
 * for `other`: how many points the best field has (`other:max-points`), since little evidence means other.
 */
export function candidateFeatures(tally: Tally, field: string, context: PaperContext, model: Pick<FieldModel, 'transform' | 'scale' | 'features'>): Feature[] {
  const value = (points: number) => (model.transform === 'log1p' ? Math.log1p(points / model.scale) : points / model.scale);
  const features: Feature[] = [{ name: `${field}:bias`, value: 1, signal: null }];
  for (const signal of SIGNAL_ORDER) {
    const points = tally.signalScore(field, signal);
    if (points <= 0) continue;
    features.push({ name: signal, value: value(points), signal }, { name: `${field}:${signal}`, value: value(points), signal });
    if (!context.hasAbstract && model.features.includes('no-abstract')) features.push({ name: `no-abstract:${signal}`, value: value(points), signal });
  }
  if (!context.hasAbstract) features.push({ name: `${field}:no-abstract`, value: 1, signal: null });
  if (tally.named.has(field)) features.push({ name: 'named', value: 1, signal: null });
  if (field === context.topField) features.push({ name: 'top', value: 1, signal: null });
  if (context.maxPoints > 0 && field !== 'other') features.push({ name: 'share', value: tally.total(field) / context.maxPoints, signal: null });
  if (field === 'other') features.push({ name: 'other:max-points', value: value(context.maxPoints), signal: null });
  const lead = tally.leadPoints.get(field) ?? 0;
  if (model.features.includes('lead') && lead > 0) features.push({ name: 'lead', value: value(lead), signal: null }, { name: `${field}:lead`, value: value(lead), signal: null });
  const similarity = model.features.includes('similarity') ? context.similarity?.get(field) : undefined;
  if (similarity !== undefined) features.push({ name: 'similarity', value: similarity, signal: null }, { name: `${field}:similarity`, value: similarity, signal: null });
  if (model.features.includes('terms')) {
    for (const [term, points] of tally.termPoints.get(field) ?? []) features.push({ name: `${field}:term:${term}`, value: value(points), signal: null });
  }
  if (model.features.includes('cross')) {
    for (const other of tally.fields()) {
      const points = tally.total(other);
      if (other !== field && points > 0) features.push({ name: `${field}:with:${other}`, value: value(points), signal: null });
    }
  }
  return features;
}

/** The fields the model chooses among: every field with points, and `other` always. */
export function candidateFields(tally: Tally): string[] {
  const fields = tally.fields().filter((f) => f !== 'other' && tally.total(f) > 0);
  return [...fields, 'other'];
}

/** A field's weights (and feature names), looked up once, so that scoring a paper builds no strings. */
interface FieldWeights {
  bias: number;
  noAbstract: number;
  /** Shared plus the field's own weight, per signal of SIGNAL_ORDER. */
  signals: number[];
  lead: number;
  /** Shared plus the field's own weight of the `similarity` feature. */
  similarity: number;
  /** Taxonomy term -> [weight, feature name]. */
  terms: Map<string, [number, string]>;
  /** Other field -> [weight, feature name]. */
  cross: Map<string, [number, string]>;
  names: { bias: string; noAbstract: string; lead: string };
}

/** What the model says about one candidate field: its score and, when asked, where it comes from. */
export interface FieldScore {
  score: number;
  /** Contribution of each signal with points (SIGNAL_ORDER order). */
  bySignal: Array<{ signal: Signal; contribution: number }>;
  /** The other features that fired (names as in the model file) and their summed contribution. */
  rest: { names: string[]; contribution: number };
  /** What the hashed words add (the text part; 0 without one). */
  text: number;
  /** What the document vector adds (the vectors part; 0 without one). */
  vectors: number;
}

export interface ModelScorer {
  /** The field's model score: modelScore(candidateFeatures(...)) plus the text part, computed without names (tested). */
  score(tally: Tally, field: string, context: PaperContext): number;
  /** The score with its parts, for the evidence of a reported field. */
  explain(tally: Tally, field: string, context: PaperContext): FieldScore;
}

export function compileModel(model: FieldModel, fieldIds: readonly string[]): ModelScorer {
  const w = (name: string) => model.weights[name] ?? 0;
  const value = (points: number) => (model.transform === 'log1p' ? Math.log1p(points / model.scale) : points / model.scale);
  const byField = new Map<string, FieldWeights>();
  const termWeights = model.features.includes('terms') ? termWeightsByField(model.weights, fieldIds) : null;
  const weightsOf = (field: string): FieldWeights => {
    let fw = byField.get(field);
    if (fw) return fw;
    const names = { bias: `${field}:bias`, noAbstract: `${field}:no-abstract`, lead: 'lead' };
    fw = { bias: w(names.bias), noAbstract: w(names.noAbstract), signals: SIGNAL_ORDER.map((s) => w(s) + w(`${field}:${s}`)), lead: 0, similarity: 0, terms: new Map(), cross: new Map(), names };
    if (model.features.includes('lead')) fw.lead = w('lead') + w(`${field}:lead`);
    if (model.features.includes('similarity')) fw.similarity = w('similarity') + w(`${field}:similarity`);
    const prefix = `${field}:term:`;
    if (model.features.includes('terms')) {
      const grouped = termWeights !== null && fieldIds.includes(field) ? (termWeights.get(field) ?? []) : Object.entries(model.weights).filter(([name]) => name.startsWith(prefix));
      for (const [name, weight] of grouped) fw.terms.set(name.slice(prefix.length), [weight, name]);
    }
    if (model.features.includes('cross')) for (const other of fieldIds) if (model.weights[`${field}:with:${other}`]) fw.cross.set(other, [w(`${field}:with:${other}`), `${field}:with:${other}`]);
    byField.set(field, fw);
    return fw;
  };
  for (const field of fieldIds) weightsOf(field);
  const noAbstractSignals = SIGNAL_ORDER.map((signal) => (model.features.includes('no-abstract') ? w(`no-abstract:${signal}`) : 0));
  const shared = { named: w('named'), top: w('top'), share: w('share'), otherMax: w('other:max-points') };
  const textTables = model.text ? compileTextWeights(model.text.weights, model.text.bits) : null;

  /** The one computation behind score and explain; `parts` collects the pieces when given. */
  const compute = (tally: Tally, field: string, context: PaperContext, parts: FieldScore | null): number => {
    const fw = weightsOf(field);
    const names = parts?.rest.names;
    let text = 0;
    for (let k = 0; k < SIGNAL_ORDER.length; k++) {
      const points = tally.signalScore(field, SIGNAL_ORDER[k]);
      if (points <= 0) continue;
      const contribution = (fw.signals[k] + (context.hasAbstract ? 0 : noAbstractSignals[k])) * value(points);
      text += contribution;
      if (parts) parts.bySignal.push({ signal: SIGNAL_ORDER[k], contribution });
    }
    let rest = fw.bias;
    names?.push(fw.names.bias);
    if (!context.hasAbstract) {
      rest += fw.noAbstract;
      names?.push(fw.names.noAbstract);
    }
    if (tally.named.has(field)) {
      rest += shared.named;
      names?.push('named');
    }
    if (field === context.topField) {
      rest += shared.top;
      names?.push('top');
    }
    if (field === 'other') {
      rest += shared.otherMax * value(context.maxPoints);
      names?.push('other:max-points');
    } else if (context.maxPoints > 0) {
      rest += (shared.share * (context.totals.get(field) ?? 0)) / context.maxPoints;
      names?.push('share');
    }
    const lead = fw.lead !== 0 ? (tally.leadPoints.get(field) ?? 0) : 0;
    if (lead > 0) {
      rest += fw.lead * value(lead);
      names?.push('lead');
    }
    const similarity = fw.similarity !== 0 ? context.similarity?.get(field) : undefined;
    if (similarity !== undefined) {
      rest += fw.similarity * similarity;
      names?.push('similarity');
    }
    if (fw.terms.size) {
      const terms = tally.termPoints.get(field);
      if (terms) {
        for (const [term, points] of terms) {
          const found = fw.terms.get(term);
          if (found === undefined) continue;
          rest += found[0] * value(points);
          names?.push(found[1]);
        }
      }
    }
    if (fw.cross.size) {
      for (const [other, points] of context.totals) {
        const found = points > 0 && other !== field ? fw.cross.get(other) : undefined;
        if (found === undefined) continue;
        rest += found[0] * value(points);
        names?.push(found[1]);
      }
    }
    const words = textTables && context.text ? textScore(context.text, textTables.get(field)) : 0;
    const vectors = model.vectors && context.vectors ? vectorScore(context.vectors, model.vectors.weights[field]) : 0;
    if (parts) {
      parts.rest.contribution = rest;
      parts.text = words;
      parts.vectors = vectors;
    }
    return text + rest + words + vectors;
  };
  return {
    score: (tally, field, context) => compute(tally, field, context, null),
    explain: (tally, field, context) => {
      const parts: FieldScore = { score: 0, bySignal: [], rest: { names: [], contribution: 0 }, text: 0, vectors: 0 };
      parts.score = compute(tally, field, context, parts);
      return parts;
    },
  };
}

/**
 * The `<field>:term:<term>` weights grouped by field in one pass over the weights (in their order), for
 * the given fields when no field id has a colon (a name's field is then what precedes its first
 * `:term:`); otherwise null, and each field scans the weights itself.
 */
export function termWeightsByField(weights: Readonly<Record<string, number>>, fieldIds: readonly string[]): Map<string, Array<[string, number]>> | null {
  if (fieldIds.some((f) => f.includes(':'))) return null;
  const fields = new Set(fieldIds);
  const out = new Map<string, Array<[string, number]>>();
  for (const [name, weight] of Object.entries(weights)) {
    const at = name.indexOf(':term:');
    if (at <= 0) continue;
    const field = name.slice(0, at);
    if (!fields.has(field)) continue;
    let list = out.get(field);
    if (!list) out.set(field, (list = []));
    list.push([name, weight]);
  }
  return out;
}

export function modelScore(features: Feature[], weights: Readonly<Record<string, number>>): number {
  let score = 0;
  for (const f of features) score += (weights[f.name] ?? 0) * f.value;
  return score;
}
