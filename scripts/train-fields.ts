// `npm run train:fields`: fits the field model (data/taxonomy/field-model.json) on the hand-labelled
// papers of test/classify/fixtures (references only; the records are read in place from the shared paper
// lists). Deterministic: the same labels and lists give the same file.
//   --cv          also print cross-validated accuracy (grouped by venue family, and plain 5-fold),
//                 beside the hand-ranked scorer (the points alone) on the same folds; writes nothing
//   --out F       write the model there instead of data/taxonomy/field-model.json
//   --hand-taxonomy F  the taxonomy file the hand ranking is scored with (default: the shipped one)
//   --l2 X --sparse-factor X --scale X --transform log1p|linear   training options (defaults in field-training.ts)
//   --only grouped|plain   with --cv: only one kind of folds
//   --text on|off --text-l2 X --bits N --title-weight X --min-papers N   the hashed words (field-text.ts)
//   --second-share X   soft target: this share of each paper's target on the labeller's second field
//   --vectors FILE --vectors-l2 X --vectors-title-weight X   the word vectors (field-vectors.ts; FILE relative to
//                 data/taxonomy, e.g. word-vectors.json; off by default)
//   --select NAME=v1,v2,...   with --cv: choose that option (second-share, vectors-l2, text-l2, l2, sparse-factor)
//                 among the values by an inner 3-fold CV inside every outer fold (nested; repeatable: the grid
//                 is the product); the first value wins ties
//   --vectors-dense off   no weight per dimension (with --similarity: only the similarity feature)
//   --similarity  the `similarity` feature (cosine of the document vector and each field's definition vector; needs --vectors)
//   --recalibrate  per-field offsets on the biases, chosen by an inner 3-fold CV on the training papers (field-calibration.ts)
//   --confusion   with --cv: print the most frequent (label -> predicted) cells of the CV predictions
//   --select-text-l2   choose the text L2 from TEXT_L2_GRID by an inner 3-fold CV on the training papers:
//                 alone, on all labelled papers (prints the choice; writes nothing); with --cv, inside every fold
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../src/classify/data.js';
import { FIELD_MODEL_FILE } from '../src/classify/field-model.js';
import { createFieldScorer, type Tally } from '../src/classify/field-points.js';
import { candidateFields } from '../src/classify/field-model.js';
import { crossValidate, DEFAULT_TRAIN_OPTIONS, scorePapers, selectOptions, selectTextL2, titleOnly, trainFieldModel, venueFamily, type FoldResult, type LabelledPaper, type Scored, type TrainOptions } from '../src/classify/field-training.js';
import type { FieldModel, Scoring } from '../src/classify/schema.js';
import { readPaperCopilot } from '../src/sources/papercopilot.js';
import type { RawPaper } from '../src/types.js';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'classify', 'fixtures');
const PAPERLISTS = resolve(ROOT, '..', 'shared', 'data', 'paperlists');
/** Label files and the lists of labelled papers in each. */
const LABELS: Array<[file: string, keys: string[]]> = [
  ['fields-sample-100.json', ['dev', 'heldOut']],
  ['fields-heldout-2.json', ['items']],
  ['fields-heldout-3.json', ['items']],
  ['fields-heldout-4.json', ['items']],
  ['fields-train.json', ['items']],
];

interface Ref {
  file: string;
  index: number;
  titleSha256: string;
  primaryField: string;
  secondField?: string | null;
}

function readLabelled(): LabelledPaper[] {
  const lists = new Map<string, Map<number, RawPaper>>();
  const record = (ref: Ref): RawPaper => {
    let list = lists.get(ref.file);
    if (!list) lists.set(ref.file, (list = new Map([...readPaperCopilot(join(PAPERLISTS, ref.file)).papers].map((p) => [p.source.index, p]))));
    const paper = list.get(ref.index);
    const sha = paper && createHash('sha256').update(paper.title).digest('hex').slice(0, 12);
    if (!paper || sha !== ref.titleSha256) throw new Error(`${ref.file}#${ref.index} is not the labelled paper`);
    return paper;
  };
  const seen = new Set<string>();
  const out: LabelledPaper[] = [];
  for (const [file, keys] of LABELS) {
    const json = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, Ref[]>;
    for (const ref of keys.flatMap((k) => json[k] ?? [])) {
      const key = `${ref.file}#${ref.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ paper: record(ref), primaryField: ref.primaryField, secondField: ref.secondField ?? null, group: venueFamily(ref.file) });
    }
  }
  return out;
}

/** The hand ranking the model replaces: a field the venue named first, then the most points. */
function handPrimary(tally: Tally, scoring: Scoring, order: Map<string, number>): string {
  const named = (f: string) => (tally.named.has(f) ? 1 : 0);
  const ranked = tally.fields().sort((a, b) => named(b) - named(a) || tally.total(b) - tally.total(a) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return ranked.length && tally.total(ranked[0]) >= scoring.minScore ? ranked[0] : 'other';
}

/** A paper's plain fold: the first byte of the SHA-256 of its reference, mod 5. */
const plainFold = (item: Scored) => String(createHash('sha256').update(`${item.paper.paper.source.file}#${item.paper.paper.source.index}`).digest()[0] % 5);

type Hand = (item: Scored, titleOnly: boolean) => boolean;

/** The grid the text part's L2 penalty is chosen from (by an inner 3-fold CV on the training papers). */
const TEXT_L2_GRID = [0.000005, 0.00002, 0.0001];

/** An option set with one option changed by its command-line name. */
function withOption(options: TrainOptions, name: string, value: number): TrainOptions {
  switch (name) {
    case 'second-share':
      return { ...options, secondShare: value };
    case 'l2':
      return { ...options, l2: value };
    case 'sparse-factor':
      return { ...options, sparseFactor: value };
    case 'text-l2':
      if (!options.text) throw new Error('--select text-l2 needs --text on');
      return { ...options, text: { ...options.text, l2: value } };
    case 'vectors-l2':
      if (!options.vectors) throw new Error('--select vectors-l2 needs --vectors');
      return { ...options, vectors: { ...options.vectors, l2: value } };
    default:
      throw new Error(`--select: unknown option ${name}`);
  }
}

/** The grid of --select (the product of every option's values), in order; [options] without one. */
function grid(options: TrainOptions): Array<{ options: TrainOptions; label: string }> {
  let out = [{ options, label: '' }];
  for (const spec of values.select ?? []) {
    const [name, list] = spec.split('=');
    out = out.flatMap((o) => list.split(',').map((v) => ({ options: withOption(o.options, name, Number(v)), label: `${o.label}${o.label ? ' ' : ''}${name}=${v}` })));
  }
  return out;
}

function report(name: string, items: Scored[], foldOf: (item: Scored) => string, options: TrainOptions, hand: Hand): void {
  const nested = values['select-text-l2'] && options.text;
  const candidates = grid(options);
  // what each fold chose, in fold order (crossValidate trains the folds in the order it reports them)
  const chosenLabels: string[] = [];
  const choose = (train: Scored[]): TrainOptions => {
    const { best, correct } = selectOptions(taxonomy, train, candidates.map((c) => c.options));
    chosenLabels.push(`${candidates[best].label} (inner ${correct.join('/')})`);
    return candidates[best].options;
  };
  const folds = crossValidate(taxonomy, items, foldOf, candidates.length > 1 ? choose : nested ? (train) => ({ ...options, text: { ...options.text!, l2: selectTextL2(taxonomy, train, options, TEXT_L2_GRID).l2 } }) : options);
  const n = folds.reduce((s, f) => s + f.n, 0);
  const share = (k: number, of = n) => `${k}/${of} = ${(k / of).toFixed(3)}`;
  const sum = (f: (fold: FoldResult) => number) => folds.reduce((s, fold) => s + f(fold), 0);
  console.log(
    `${name}: model ${share(sum((f) => f.correct))}, hand ranking ${share(items.filter((i) => hand(i, false)).length)}; ` +
      `titles only: model ${share(sum((f) => f.titleOnlyCorrect))}, hand ranking ${share(items.filter((i) => hand(i, true)).length)}`,
  );
  const pairs = folds.flatMap((f) => f.predictions.map((p) => [p.predicted === p.item.paper.primaryField, hand(p.item, false)]));
  const onlyModel = pairs.filter(([m, h]) => m && !h).length;
  const onlyHand = pairs.filter(([m, h]) => !m && h).length;
  console.log(`  paired: right only by the model ${onlyModel}, only by the hand ranking ${onlyHand}; exact McNemar p = ${mcnemar(onlyModel, onlyHand).toPrecision(2)}`);
  for (const [k, f] of folds.entries()) {
    const inFold = items.filter((item) => foldOf(item) === f.name);
    const handShare = (titleOnly: boolean) => (inFold.filter((i) => hand(i, titleOnly)).length / f.n).toFixed(3);
    const l2 = nested ? `  text l2 ${f.options.text?.l2}` : candidates.length > 1 ? `  ${chosenLabels[k]}` : '';
    console.log(`  ${f.name.padEnd(10)} n=${String(f.n).padStart(4)}  model ${(f.correct / f.n).toFixed(3)}  hand ${handShare(false)}  | titles only: model ${(f.titleOnlyCorrect / f.n).toFixed(3)}  hand ${handShare(true)}${l2}`);
  }
  if (values.confusion) confusion(folds.flatMap((f) => f.predictions));
}

/** The most frequent errors of CV predictions: (label -> predicted) cells, and how often the prediction is the labeller's second field. */
function confusion(predictions: FoldResult['predictions']): void {
  const cells = new Map<string, number>();
  let second = 0;
  let wrong = 0;
  for (const p of predictions) {
    if (p.predicted === p.item.paper.primaryField) continue;
    wrong++;
    if (p.predicted === p.item.paper.secondField) second++;
    const key = `${p.item.paper.primaryField} -> ${p.predicted}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  console.log(`  errors ${wrong}; the prediction is the labeller's second field in ${second}`);
  const top = [...cells].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15);
  for (const [key, n] of top) console.log(`    ${String(n).padStart(4)}  ${key}`);
  const per = new Map<string, [number, number]>();
  for (const p of predictions) {
    const l = p.item.paper.primaryField;
    const e = per.get(l) ?? [0, 0];
    e[0]++;
    if (p.predicted === l) e[1]++;
    per.set(l, e);
  }
  console.log(`  per label (right/n): ${[...per].sort((a, b) => b[1][0] - a[1][0]).map(([l, [n, r]]) => `${l} ${r}/${n}`).join(', ')}`);
}

/** The model file: indented JSON, with each field's text weights on one line (hundreds of thousands of numbers). */
function modelJson(model: FieldModel & { $comment: string }): string {
  const { text, ...rest } = model;
  const head = JSON.stringify(rest, null, 2);
  if (!text) return `${head}\n`;
  const { weights, ...spec } = text;
  const lines = Object.entries(weights).map(([field, w]) => `      ${JSON.stringify(field)}: ${JSON.stringify(w)}`);
  const specJson = JSON.stringify(spec, null, 2).slice(1, -2).replace(/\n/g, '\n  ');
  return `${head.slice(0, -2)},\n  "text": {${specJson},\n    "weights": {\n${lines.join(',\n')}\n    }\n  }\n}\n`;
}

/** Two-sided exact McNemar test: P(a split at least this uneven) of b + c discordant pairs under p = 1/2. */
function mcnemar(b: number, c: number): number {
  const n = b + c;
  const logChoose = (k: number) => lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  let tail = 0;
  for (let k = 0; k <= Math.min(b, c); k++) tail += Math.exp(logChoose(k) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/** ln Gamma(x) by Stirling's series (x >= 1; error below 1e-10 for x >= 8, shifted up for smaller x). */
function lgamma(x: number): number {
  let shift = 0;
  while (x < 8) shift -= Math.log(x++);
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

const { values } = parseArgs({
  options: {
    cv: { type: 'boolean' },
    only: { type: 'string' },
    out: { type: 'string' },
    'hand-taxonomy': { type: 'string' },
    l2: { type: 'string' },
    'sparse-factor': { type: 'string' },
    scale: { type: 'string' },
    transform: { type: 'string' },
    text: { type: 'string' },
    'text-l2': { type: 'string' },
    bits: { type: 'string' },
    'title-weight': { type: 'string' },
    'min-papers': { type: 'string' },
    'second-share': { type: 'string' },
    'select-text-l2': { type: 'boolean' },
    select: { type: 'string', multiple: true },
    confusion: { type: 'boolean' },
    recalibrate: { type: 'boolean' },
    vectors: { type: 'string' },
    'vectors-l2': { type: 'string' },
    'vectors-title-weight': { type: 'string' },
    'vectors-dense': { type: 'string' },
    similarity: { type: 'boolean' },
  },
});
const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text));
const textDefaults = DEFAULT_TRAIN_OPTIONS.text ?? { bits: 16, titleWeight: 2, l2: 0.0001, minPapers: 2 };
const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  transform: values.transform === 'linear' ? 'linear' : DEFAULT_TRAIN_OPTIONS.transform,
  scale: number(values.scale, DEFAULT_TRAIN_OPTIONS.scale),
  l2: number(values.l2, DEFAULT_TRAIN_OPTIONS.l2),
  sparseFactor: number(values['sparse-factor'], DEFAULT_TRAIN_OPTIONS.sparseFactor),
  secondShare: number(values['second-share'], DEFAULT_TRAIN_OPTIONS.secondShare),
  recalibrate: values.recalibrate ?? DEFAULT_TRAIN_OPTIONS.recalibrate ?? false,
  vectors:
    values.vectors === undefined || values.vectors === 'off'
      ? (DEFAULT_TRAIN_OPTIONS.vectors ?? null)
      : { file: values.vectors, titleWeight: number(values['vectors-title-weight'], 2), l2: number(values['vectors-l2'], 0.001), dense: values['vectors-dense'] !== 'off' },
  features: values.similarity ? [...DEFAULT_TRAIN_OPTIONS.features, 'similarity'] : DEFAULT_TRAIN_OPTIONS.features,
  text:
    values.text === 'off' || (values.text === undefined && DEFAULT_TRAIN_OPTIONS.text === null)
      ? null
      : {
          bits: number(values.bits, textDefaults.bits),
          titleWeight: number(values['title-weight'], textDefaults.titleWeight),
          l2: number(values['text-l2'], textDefaults.l2),
          minPapers: number(values['min-papers'], textDefaults.minPapers),
        },
};
if (!existsSync(PAPERLISTS)) throw new Error(`shared paper lists not found at ${PAPERLISTS}`);
const taxonomy = loadTaxonomy();
const labelled = readLabelled();
const items = scorePapers(taxonomy, labelled);
if (values.cv) {
  const order = new Map(taxonomy.fields.map((f, i) => [f.id, i]));
  const handTaxonomy = values['hand-taxonomy'] ? loadTaxonomy(values['hand-taxonomy']) : taxonomy;
  const score = createFieldScorer(handTaxonomy);
  const hand: Hand = (item, only) => handPrimary(score((only ? titleOnly(item.paper) : item.paper).paper), handTaxonomy.scoring, order) === item.paper.primaryField;
  console.log(`${items.length} labelled papers, ${new Set(items.map((i) => i.paper.group)).size} venue families; options ${JSON.stringify(options)}`);
  const notCandidate = items.filter((i) => !candidateFields(i.tally).includes(i.paper.primaryField)).length;
  console.log(`labelled field not among the candidates (a miss for any model): ${notCandidate}`);
  if (values.only !== 'plain') report('grouped by venue family (train on the others)', items, (item) => item.paper.group, options, hand);
  if (values.only !== 'grouped') report('plain 5-fold', items, plainFold, options, hand);
} else if (values['select-text-l2'] && options.text) {
  const { l2, correct } = selectTextL2(taxonomy, items, options, TEXT_L2_GRID);
  console.log(`text l2 by 3-fold CV on all ${items.length} papers: ${TEXT_L2_GRID.map((v, i) => `${v}: ${correct[i]}`).join(', ')} -> ${l2}`);
} else {
  const files = [...new Set(labelled.map((l) => l.paper.source.file))].sort();
  const model = trainFieldModel(taxonomy, items, options, { labels: LABELS.map(([f]) => `test/classify/fixtures/${f}`), papers: items.length, files });
  const $comment =
    'Weights of the field model (src/classify/field-model.ts), written by `npm run train:fields` (scripts/train-fields.ts) from the hand-labelled papers listed in trainedOn. Do not edit by hand: change the taxonomy or the labels and retrain. Feature names (src/classify/field-model.ts): <signal> (shared), <field>:<signal>, <field>:bias, <field>:no-abstract, named, top, share, other:max-points, lead and <field>:lead, no-abstract:<signal>, <field>:term:<taxonomy term>, <field>:with:<other field>. `text`: the hashed words (src/classify/field-text.ts: spec, and per field the buckets as gaps with their weights; no word is stored).';
  const out = values.out ?? FIELD_MODEL_FILE;
  writeFileSync(out, modelJson({ $comment, ...model }));
  console.log(`${out}: ${Object.keys(model.weights).length} weights from ${items.length} papers`);
}
