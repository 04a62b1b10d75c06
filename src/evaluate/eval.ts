// `collabscope eval`: resolve Paper Copilot lists and compare each paper's set of countries with Paper
// Copilot's own labels (HK/MO/TW folded into CN, papers with unlabelled authors skipped, as the labels
// do). Reports agreement, US-CN collaboration precision/recall/F1, unresolved rates and disagreements.
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import type { Affiliation, RawPaper } from '../types.js';
import { readJsonFile } from '../sources/common.js';
import { parsePaperCopilot } from '../sources/papercopilot.js';
import { venueOfFile } from '../sources/common.js';
import { createResolver, type Resolver, type ResolverOptions } from '../resolve/index.js';
import { RepeatedRecords, SILENT_PROGRESS, UniqueIds, resolveUnattributed, step, type Progress } from '../pipeline.js';
import { foldGreaterChina, paperLabel } from './labels.js';

export interface EvalOptions {
  /** Ignore aff_domain / email: resolve from affiliation strings alone. */
  noEmail?: boolean;
  resolver?: Resolver;
  resolverOptions?: ResolverOptions;
  /** Confidence under which a resolved affiliation counts as low (default 0.5). */
  lowConfidence?: number;
  /** How many disagreements to keep (default 50); all are counted. */
  sampleSize?: number;
  pair?: [string, string];
  progress?: Progress;
}

export interface PairScores {
  pair: [string, string];
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Disagreement {
  /** The paper's id as `analyze` writes it for the same files in the same order (what `explain` takes). */
  id: string;
  file: string;
  index: number;
  title: string;
  ours: string[];
  labels: string[];
  /** Each affiliation text with the country we gave it. */
  affiliations: Array<{ raw: string; country: string | null; method: string; institution: string | null }>;
}

export interface EvalMetrics {
  files: string[];
  email: boolean;
  papers: number;
  evaluated: number;
  /** repeated: records that list an earlier record's paper again (pipeline.ts RepeatedRecords), not counted in `papers`. */
  skipped: { noAffiliations: number; unlabelled: number; repeated: number };
  agreed: number;
  agreement: number;
  pairScores: PairScores;
  affiliationStrings: number;
  unresolved: number;
  unresolvedRate: number;
  lowConfidence: number;
  lowConfidenceRate: number;
  methods: Record<string, number>;
  disagreementCount: number;
  disagreements: Disagreement[];
  resolver: { institutions: number; buildMs: number; resolveMs: number };
}

export function evaluateFiles(files: string[], options: EvalOptions = {}): EvalMetrics {
  if (files.length === 0) throw new CollabscopeError('E_BAD_ARGUMENT', 'eval needs at least one Paper Copilot file');
  const resolver = options.resolver ?? step(options.progress ?? SILENT_PROGRESS, 'building the institution index', () => createResolver(options.resolverOptions));
  const pair = options.pair ?? ['US', 'CN'];
  const low = options.lowConfidence ?? 0.5;
  const sampleSize = options.sampleSize ?? 50;
  const progress = options.progress ?? SILENT_PROGRESS;
  const counts = newCounts();
  const disagreements: Disagreement[] = [];
  let disagreementCount = 0;
  let resolveMs = 0;
  const ids = new UniqueIds();
  for (const file of files) {
    const records = readRecords(file);
    const papers = [...parsePaperCopilot(records, basename(file), venueYear(file)).papers];
    progress.start(`eval ${basename(file)}`, papers.length);
    const repeats = new RepeatedRecords();
    for (const paper of papers) {
      progress.tick();
      if (repeats.check(paper)) {
        counts.repeated++;
        continue;
      }
      const id = ids.next(paper);
      counts.papers++;
      const started = performance.now();
      const affiliations = resolvePaper(resolver, paper, options.noEmail === true);
      resolveMs += performance.now() - started;
      countAffiliations(counts, affiliations, low);
      const label = paperLabel(records[paper.source.index] as Record<string, unknown>);
      if (label.status === 'no-affiliations') counts.noAffiliations++;
      if (label.status !== 'labelled') {
        if (label.status === 'unlabelled') counts.unlabelled++;
        continue;
      }
      const ours = oursCountries(affiliations);
      counts.evaluated++;
      const same = ours.length === label.countries.length && ours.every((c, i) => c === label.countries[i]);
      if (same) counts.agreed++;
      else {
        disagreementCount++;
        if (disagreements.length < sampleSize) disagreements.push(toDisagreement(id, paper, ours, label.countries, affiliations));
      }
      scorePair(counts, pair, ours, label.countries);
    }
    progress.stop();
  }
  const stats = resolver.stats();
  return {
    files: files.map((f) => basename(f)),
    email: options.noEmail !== true,
    papers: counts.papers,
    evaluated: counts.evaluated,
    skipped: { noAffiliations: counts.noAffiliations, unlabelled: counts.unlabelled, repeated: counts.repeated },
    agreed: counts.agreed,
    agreement: ratio(counts.agreed, counts.evaluated),
    pairScores: pairScores(counts, pair),
    affiliationStrings: counts.strings,
    unresolved: counts.unresolved,
    unresolvedRate: ratio(counts.unresolved, counts.strings),
    lowConfidence: counts.low,
    lowConfidenceRate: ratio(counts.low, counts.strings),
    methods: counts.methods,
    disagreementCount,
    disagreements,
    resolver: { institutions: stats.institutions, buildMs: Math.round(stats.buildMs), resolveMs: Math.round(resolveMs) },
  };
}

function readRecords(file: string): unknown[] {
  const json = readJsonFile(file);
  if (!Array.isArray(json)) throw new CollabscopeError('E_UNKNOWN_FORMAT', `${basename(file)}: a Paper Copilot list must be a JSON array of records`);
  json.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new CollabscopeError('E_BAD_RECORD', `${basename(file)}: record ${index}: not a JSON object`);
    }
  });
  return json;
}

/** Venue and year only label the papers; eval works without them. */
function venueYear(file: string): { venue: string; year: number } {
  const found = venueOfFile(file);
  return { venue: found.venue ?? basename(file), year: found.year ?? 0 };
}

/**
 * Each affiliation text of the paper, keyed by author, resolved with the author-level rules; then, as one
 * more list, those of the slots past the last author, each resolved alone, as analyze reads them.
 */
function resolvePaper(resolver: Resolver, paper: RawPaper, noEmail: boolean): Affiliation[][] {
  const authors = paper.authors.map((author) => resolver.resolveAuthor(noEmail ? { ...author, emailDomain: null } : author));
  return paper.unattributed?.length ? [...authors, resolveUnattributed(paper.unattributed, resolver)] : authors;
}

function oursCountries(affiliations: Affiliation[][]): string[] {
  const set = new Set<string>();
  for (const author of affiliations) for (const a of author) if (a.country) set.add(foldGreaterChina(a.country));
  return [...set].sort();
}

interface Counts {
  papers: number;
  evaluated: number;
  noAffiliations: number;
  unlabelled: number;
  repeated: number;
  agreed: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  strings: number;
  unresolved: number;
  low: number;
  methods: Record<string, number>;
}

function newCounts(): Counts {
  return { papers: 0, evaluated: 0, noAffiliations: 0, unlabelled: 0, repeated: 0, agreed: 0, tp: 0, fp: 0, fn: 0, tn: 0, strings: 0, unresolved: 0, low: 0, methods: {} };
}

/** Per affiliation text: unresolved when none of its affiliations has a country. */
function countAffiliations(counts: Counts, affiliations: Affiliation[][], low: number): void {
  for (const author of affiliations) {
    const byRaw = new Map<string, Affiliation[]>();
    for (const a of author) byRaw.set(a.raw, [...(byRaw.get(a.raw) ?? []), a]);
    for (const list of byRaw.values()) {
      counts.strings++;
      if (!list.some((a) => a.country)) counts.unresolved++;
      else if (Math.max(...list.map((a) => a.confidence)) < low) counts.low++;
      for (const a of list) counts.methods[a.method] = (counts.methods[a.method] ?? 0) + 1;
    }
  }
}

function scorePair(counts: Counts, pair: [string, string], ours: string[], labels: string[]): void {
  const has = (set: string[]) => set.includes(pair[0]) && set.includes(pair[1]);
  const predicted = has(ours);
  const actual = has(labels);
  if (predicted && actual) counts.tp++;
  else if (predicted) counts.fp++;
  else if (actual) counts.fn++;
  else counts.tn++;
}

function pairScores(counts: Counts, pair: [string, string]): PairScores {
  const precision = ratio(counts.tp, counts.tp + counts.fp);
  const recall = ratio(counts.tp, counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pair, truePositives: counts.tp, falsePositives: counts.fp, falseNegatives: counts.fn, trueNegatives: counts.tn, precision, recall, f1 };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function toDisagreement(id: string, paper: RawPaper, ours: string[], labels: string[], affiliations: Affiliation[][]): Disagreement {
  return {
    id,
    file: paper.source.file,
    index: paper.source.index,
    title: paper.title,
    ours,
    labels,
    affiliations: affiliations.flat().map((a) => ({ raw: a.raw, country: a.country, method: a.method, institution: a.institution })),
  };
}

/** The metrics as a few lines of text. */
export function renderEval(metrics: EvalMetrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const p = metrics.pairScores;
  const lines = [
    `files: ${metrics.files.join(', ')}`,
    `e-mail domains: ${metrics.email ? 'used as evidence' : 'ignored (--no-email)'}`,
    `papers: ${metrics.papers}; compared with labels: ${metrics.evaluated}; skipped: ${metrics.skipped.noAffiliations} without affiliations, ${metrics.skipped.unlabelled} with unlabelled authors${metrics.skipped.repeated ? `; ${metrics.skipped.repeated} repeated records read once` : ''}`,
    `agreement (same country set): ${metrics.agreed}/${metrics.evaluated} = ${metrics.agreement.toFixed(4)}`,
    `${p.pair.join('-')} collaboration: precision ${p.precision.toFixed(4)}, recall ${p.recall.toFixed(4)}, F1 ${p.f1.toFixed(4)} (tp ${p.truePositives}, fp ${p.falsePositives}, fn ${p.falseNegatives})`,
    `affiliation strings: ${metrics.affiliationStrings}; unresolved ${metrics.unresolved} (${pct(metrics.unresolvedRate)}); low confidence ${metrics.lowConfidence} (${pct(metrics.lowConfidenceRate)})`,
    `methods: ${Object.entries(metrics.methods).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')}`,
    `resolver: ${metrics.resolver.institutions} institutions indexed in ${metrics.resolver.buildMs} ms; resolving took ${metrics.resolver.resolveMs} ms`,
  ];
  if (metrics.disagreementCount > 0 && metrics.disagreements.length === 0) {
    lines.push('', `disagreements: ${metrics.disagreementCount} (--sample N lists them)`);
  } else if (metrics.disagreements.length) {
    const shown = metrics.disagreements.length;
    const more = shown < metrics.disagreementCount ? '; --sample N shows more' : '';
    lines.push('', `disagreements (${shown} of ${metrics.disagreementCount} shown${more}; collabscope explain ID after analyze on the same files shows one):`);
    for (const d of metrics.disagreements) {
      lines.push(`  ${d.id} ours [${d.ours.join(',')}] labels [${d.labels.join(',')}] ${d.title.slice(0, 70)}`);
    }
  }
  return lines.join('\n');
}
