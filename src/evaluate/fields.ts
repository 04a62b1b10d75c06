// `collabscope eval --fields LABELS.json [paper lists...]`: primary-field accuracy against a hand-labelled
// sample, for the classifier and (with --llm) for a language model given the same papers, so a user can
// see on their own labels what the rules reach and whether their model does better. A labelled paper is
// either written out in the file (title, abstract, keywords, venue) or named by its paper list and
// record index, with an optional SHA-256 prefix of its title to make sure it is the paper labelled.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { CollabscopeError } from '../errors.js';
import { assertReadableFile, readTextFile, type SourceOptions } from '../sources/common.js';
import { readSource } from '../sources/index.js';
import { textOf } from '../pipeline.js';
import { createClassifier, loadTaxonomy, loadTechnologies } from '../classify/index.js';
import { wilson } from '../analyze/stats.js';
import type { RawPaper } from '../types.js';
import type { LlmRunOptions } from '../llm/affiliations.js';

const keywords = z.union([z.array(z.string()), z.string().transform((s) => s.split(';').map((k) => k.trim()).filter(Boolean))]);
const ItemSchema = z
  .object({
    primaryField: z.string(),
    secondField: z.string().nullable().optional(),
    file: z.string().optional(),
    index: z.number().int().nonnegative().optional(),
    titleSha256: z
      .string()
      .transform((hex) => hex.toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{6,64}$/, 'a hexadecimal SHA-256 prefix of 6-64 digits'))
      .optional(),
    title: z.string().min(1).optional(),
    abstract: z.string().nullable().optional(),
    keywords: keywords.optional(),
    venue: z.string().optional(),
    year: z.number().int().optional(),
    topic: z.string().nullable().optional(),
    track: z.string().nullable().optional(),
  })
  .passthrough()
  .refine((item) => item.title !== undefined || (item.file !== undefined && item.index !== undefined), 'each item needs a title, or a file and an index')
  .refine((item) => (item.file === undefined) === (item.index === undefined), 'a file goes with an index (the record in that paper list), and an index with a file');
type Item = z.infer<typeof ItemSchema>;
// A bare array of items is read as { items }.
const LabelsSchema = z.object({ items: z.array(ItemSchema).min(1), secondLabeller: z.array(ItemSchema).optional() }).passthrough();

function describeIssue(issue: z.ZodIssue): string {
  const [list, index, ...rest] = issue.path;
  const where = typeof index === 'number' ? `${list === 'items' ? 'item' : `${String(list)} item`} ${index + 1}${rest.length ? ` ${rest.join('.')}` : ''}` : issue.path.join('.') || 'the file';
  return `${where}: ${issue.message}`;
}

export interface FieldScores {
  label: string;
  papers: number;
  /** predicted primary = labelled primary */
  correct: number;
  accuracy: number;
  /** Wilson 95% interval of the accuracy */
  interval: [number, number];
  /** the labelled primary is among the predicted fields */
  amongFields: number;
  /** the predicted primary is the labelled primary or the labeller's second field */
  labelOrSecond: number;
  /** against the second labeller's primary fields, when the file has them */
  correctSecondLabeller?: number;
  /** the most frequent (labelled -> predicted) primary fields among the errors */
  confusions: Array<{ label: string; predicted: string; count: number }>;
  perField: Array<{ field: string; labelled: number; correct: number; predicted: number }>;
}

export interface FieldsEvalResult {
  file: string;
  papers: number;
  venues: number;
  /** distinct (venue, year) pairs */
  venueYears: number;
  /** papers whose two labellers chose the same primary field, when there is a second labeller */
  labellersAgree?: number;
  rules: FieldScores;
  llm?: FieldScores & { model: string; promptVersion: string; requests: number; fromCache: number; notAnswered: number };
}

interface Labelled {
  paper: RawPaper;
  primary: string;
  second: string | null;
  secondLabeller?: string;
}

/** Reads and checks the label file; named papers are looked up in the given lists by file name. */
export function readFieldLabels(file: string, lists: string[], source: SourceOptions = {}): Labelled[] {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(file));
  } catch (error) {
    if (error instanceof CollabscopeError) throw error;
    throw new CollabscopeError('E_BAD_JSON', `${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = LabelsSchema.safeParse(Array.isArray(json) ? { items: json } : json);
  if (!parsed.success) throw new CollabscopeError('E_BAD_RECORD', `${file}: ${describeIssue(parsed.error.issues[0])}`);
  const { items, secondLabeller: second } = parsed.data;
  if (second && second.length !== items.length) throw new CollabscopeError('E_BAD_RECORD', `${file}: secondLabeller has ${second.length} items, items has ${items.length}`);
  const fieldIds = new Set(loadTaxonomy().fields.map((f) => f.id));
  const byName = new Map<string, string>();
  for (const path of lists) {
    const name = basename(path);
    if (byName.has(name)) throw new CollabscopeError('E_BAD_ARGUMENT', `two paper lists are named ${name} (${byName.get(name)} and ${path}): label items name a list by its file name`);
    assertReadableFile(path);
    byName.set(name, path);
  }
  const read = new Map<string, Map<number, RawPaper>>();
  const recordOf = (item: Item, where: string): RawPaper => {
    if (item.title !== undefined && item.file === undefined) {
      return {
        sourceId: null, source: { file, index: 0 }, venue: item.venue ?? 'UNKNOWN', year: item.year ?? 0, title: item.title, abstract: item.abstract ?? null,
        track: item.track ?? null, status: null, topic: item.topic ?? null, keywords: item.keywords ?? [], url: null, authors: [],
      };
    }
    const path = byName.get(item.file!);
    if (!path) throw new CollabscopeError('E_BAD_RECORD', `${where} names ${item.file}, which is not among the paper lists given (give it as an argument)`);
    let records = read.get(path);
    if (!records) read.set(path, (records = new Map(readSource(path, source).papers.map((p) => [p.source.index, p]))));
    const paper = records.get(item.index!);
    if (!paper) throw new CollabscopeError('E_BAD_RECORD', `${where} names record ${item.index} of ${item.file}, which has no such record`);
    if (item.titleSha256 && !createHash('sha256').update(paper.title).digest('hex').startsWith(item.titleSha256)) {
      throw new CollabscopeError('E_BAD_RECORD', `${where}: record ${item.index} of ${item.file} is not the labelled paper (its title's SHA-256 does not start with ${item.titleSha256})`);
    }
    if (item.title !== undefined && item.title.trim() !== paper.title.trim()) {
      throw new CollabscopeError('E_BAD_RECORD', `${where}: record ${item.index} of ${item.file} is not the labelled paper (its title is not the item's title)`);
    }
    return paper;
  };
  return items.map((item, i) => {
    const where = `${file}: item ${i + 1}`;
    for (const id of [item.primaryField, item.secondField, second?.[i].primaryField, second?.[i].secondField]) {
      if (id && !fieldIds.has(id)) throw new CollabscopeError('E_BAD_RECORD', `${where}: unknown field "${id}" (one of ${[...fieldIds].join(', ')})`);
    }
    const other = second?.[i];
    if (other && (other.file !== item.file || other.index !== item.index || other.title !== item.title)) {
      throw new CollabscopeError('E_BAD_RECORD', `${where}: the second labeller's item is another paper (both lists must name the same papers in the same order)`);
    }
    return { paper: recordOf(item, where), primary: item.primaryField, second: item.secondField ?? null, ...(other ? { secondLabeller: other.primaryField } : {}) };
  });
}

/** The predicted primary of a paper the model did not answer, in the confusions. */
export const NO_ANSWER = '(no answer)';

export function scoreFields(label: string, labelled: Labelled[], predicted: string[][]): FieldScores {
  let correct = 0;
  let amongFields = 0;
  let labelOrSecond = 0;
  let correctSecond = 0;
  const confusions = new Map<string, number>();
  const perField = new Map<string, { labelled: number; correct: number; predicted: number }>();
  const field = (id: string) => perField.get(id) ?? perField.set(id, { labelled: 0, correct: 0, predicted: 0 }).get(id)!;
  labelled.forEach((l, i) => {
    const fields = predicted[i];
    // a paper with no prediction (the model did not answer) counts as an error
    const primary = fields[0] ?? NO_ANSWER;
    field(l.primary).labelled++;
    if (fields.length) field(primary).predicted++;
    if (primary === l.primary) {
      correct++;
      field(primary).correct++;
    } else confusions.set(`${l.primary}\t${primary}`, (confusions.get(`${l.primary}\t${primary}`) ?? 0) + 1);
    if (fields.includes(l.primary)) amongFields++;
    if (primary === l.primary || primary === l.second) labelOrSecond++;
    if (primary === l.secondLabeller) correctSecond++;
  });
  const n = labelled.length;
  return {
    label, papers: n, correct, accuracy: correct / n, interval: wilson(correct, n), amongFields, labelOrSecond,
    ...(labelled.some((l) => l.secondLabeller !== undefined) ? { correctSecondLabeller: correctSecond } : {}),
    confusions: [...confusions]
      .map(([key, count]) => ({ label: key.split('\t')[0], predicted: key.split('\t')[1], count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.predicted.localeCompare(b.predicted))
      .slice(0, 10),
    perField: [...perField].map(([id, s]) => ({ field: id, ...s })).sort((a, b) => b.labelled - a.labelled || a.field.localeCompare(b.field)),
  };
}

export async function evaluateFields(file: string, lists: string[], llm?: LlmRunOptions, source: SourceOptions = {}): Promise<FieldsEvalResult> {
  const labelled = readFieldLabels(file, lists, source);
  const classifier = createClassifier();
  const rulesFields = labelled.map((l) => classifier.classifyFields(l.paper).fields);
  const result: FieldsEvalResult = {
    file,
    papers: labelled.length,
    venues: new Set(labelled.map((l) => l.paper.venue)).size,
    venueYears: new Set(labelled.map((l) => `${l.paper.venue} ${l.paper.year}`)).size,
    ...(labelled[0].secondLabeller !== undefined ? { labellersAgree: labelled.filter((l) => l.secondLabeller === l.primary).length } : {}),
    rules: scoreFields('rules', labelled, rulesFields),
  };
  if (!llm) return result;
  const { askFieldsOf, FIELDS_PROMPT_VERSION } = await import('../llm/fields.js');
  const texts = labelled.map((l, i) => textOf(l.paper, `paper-${i + 1}`));
  const answers = await askFieldsOf(texts, loadTaxonomy(), loadTechnologies(), llm);
  let notAnswered = 0;
  const llmFields = texts.map((t) => {
    const outcome = answers.outcomes.get(t.id);
    if (outcome?.ok) return outcome.answer.fields;
    notAnswered++;
    return [];
  });
  result.llm = {
    ...scoreFields(`LLM (${llm.endpoint.model})`, labelled, llmFields),
    model: llm.endpoint.model, promptVersion: FIELDS_PROMPT_VERSION, requests: answers.requests, fromCache: answers.fromCache, notAnswered,
  };
  return result;
}

export function renderFieldsEval(r: FieldsEvalResult): string {
  const ratio = (x: number) => `${x}/${r.papers}`;
  const rows = [r.rules, ...(r.llm ? [r.llm] : [])];
  const hasSecond = r.labellersAgree !== undefined;
  const lines = [
    `fields: ${r.papers} labelled papers in ${r.file}, ${r.venues} venues, ${r.venueYears} venue-years`,
    `${''.padEnd(24)} ${'primary'.padStart(9)} ${'accuracy'.padStart(8)} ${'95% CI'.padStart(11)} ${'among fields'.padStart(12)} ${'label or 2nd'.padStart(12)}${hasSecond ? ` ${'vs 2nd labeller'.padStart(15)}` : ''}`,
    ...rows.map(
      (s) =>
        `${s.label.slice(0, 24).padEnd(24)} ${ratio(s.correct).padStart(9)} ${s.accuracy.toFixed(3).padStart(8)} ${`${s.interval[0].toFixed(2)}-${s.interval[1].toFixed(2)}`.padStart(11)} ${ratio(s.amongFields).padStart(12)} ${ratio(s.labelOrSecond).padStart(12)}${hasSecond ? ` ${ratio(s.correctSecondLabeller ?? 0).padStart(15)}` : ''}`,
    ),
  ];
  if (hasSecond) lines.push(`the two labellers choose the same primary field for ${ratio(r.labellersAgree!)} papers`);
  if (r.llm) {
    lines.push(
      `LLM: ${r.llm.model}, prompt ${r.llm.promptVersion}; ${r.llm.requests} requests, ${r.llm.fromCache} papers from cache` +
        (r.llm.notAnswered ? `; ${r.llm.notAnswered} papers not answered (counted as errors)` : ''),
    );
  }
  for (const s of rows) {
    if (s.confusions.length) lines.push(`most frequent errors, ${s.label} (label -> predicted): ${s.confusions.map((c) => `${c.label} -> ${c.predicted} ${c.count}`).join(', ')}`);
  }
  lines.push(
    'accuracy is the share of papers whose predicted primary field is the labelled one; "among fields": the labelled field is among the predicted ones; ' +
      '"label or 2nd": the predicted primary is the label or the labeller\'s second field.',
  );
  return lines.join('\n');
}
