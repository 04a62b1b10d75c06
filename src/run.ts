// One analyze run end to end: build the corpus, summarise it, write the output directory.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Definitions, Paper } from './types.js';
import { buildCorpus, SILENT_PROGRESS, step, type Corpus, type Progress } from './pipeline.js';
import { summarizeHeadline, type HeadlineSummary } from './summary.js';
import { prepareOutputDir, writeJson, writePapersJsonl } from './output.js';
import { forgetAffiliationJson, PapersJsonlWriter, type LinePlace } from './papers-jsonl.js';
import { paperLightener } from './lean-papers.js';
import { CollabscopeError } from './errors.js';
import type { PendingIngest } from './store/duckdb.js';
import type { SourceFormat } from './sources/index.js';
import { createResolver, type Resolver } from './resolve/index.js';
import type { Timings } from './timings.js';
import type { ClassifyAhead } from './workers/classify-ahead.js';

export type ResolverStats = ReturnType<Resolver['stats']>;
import { createClassifier, loadTaxonomy, loadTechnologies, summarizeTechFlow, type TechCount, type TechFlowSummary } from './classify/index.js';
import type { FieldsEstimate, LlmFieldsReport, LlmFieldsScope } from './llm/fields.js';
import { analyzeCorpus, type Analytics } from './analyze/index.js';
import { paperCountries } from './definitions.js';
import { mayTakeContext, resolveCorpusContext } from './resolve/corpus-context.js';
import { companyIndex, mayPlace, multisiteLabs, placeUnlocated, unlocatedSummary, type UnlocatedSummary } from './resolve/unlocated.js';
// the language-model modules (and zod, which checks their answers) only in runs that use them
import type { LlmAffiliationReport, LlmEstimate, LlmRunOptions } from './llm/affiliations.js';

export interface AnalyzeRequest {
  files: string[];
  out: string;
  pair: [string, string];
  definitions: Definitions;
  format?: SourceFormat;
  venue?: string;
  year?: number;
  /** Ignore e-mail domains: resolve from affiliation strings alone. */
  ignoreEmail?: boolean;
  kbDirs?: string[];
  /**
   * Worker threads: a number of pool workers that resolve and classify (1: all in this thread),
   * 'classify' (one worker classifies beside this thread), or 'auto' (by input size and cores; see
   * workerPlan). The output is the same in every mode.
   */
  workers?: number | 'auto' | 'classify';
  /** Send unresolved and unsure affiliation strings to a language model. */
  llm?: LlmRunOptions;
  /** With llm: also ask about the fields of papers: those the classifier could not place (which also take
   *  the technologies the model names), or every paper (whose fields the model's answer replaces). */
  llmFields?: LlmFieldsScope;
  /** Technology flow counts `used` hits (default) or every hit (`mentions`). */
  tech?: TechCount;
  progress?: Progress;
  /** Time the stages of the run (`--timings`). */
  timings?: Timings;
  /** Also write the analysis into this DuckDB file, committed together with the output directory. */
  db?: string;
  /**
   * The result's papers need carry only what the analytics read: once a paper is written, its title,
   * keywords, topic, url, status and its authors' ids and e-mail domains are dropped from memory
   * (papers.jsonl has them). For large runs; not with `extraWrite` or `db`, which read them.
   */
  leanPapers?: boolean;
  /** Writes more files into the output directory before it is swapped in (e.g. the HTML report). */
  extraWrite?: (dir: string, result: AnalyzeResult) => Promise<void>;
}

export type Summary = HeadlineSummary &
  Analytics & { techFlow: TechFlowSummary; unlocated?: UnlocatedSummary; corpusContext?: { placed: number; papers: number }; llm?: LlmAffiliationReport; llmFields?: LlmFieldsReport };

export interface AnalyzeResult {
  corpus: Corpus;
  summary: Summary;
  resolverStats: ResolverStats;
  /** With db: the venue-year slices written. */
  dbSlices?: string[];
}

/**
 * Writes the output directory (and, with `db`, the database) as one commit: both are prepared
 * completely, then swapped in; a failure of either leaves both as they were.
 */
export async function runAnalyze(request: AnalyzeRequest): Promise<AnalyzeResult> {
  const out = prepareOutputDir(request.out, { inputs: request.files, keep: request.db ? [request.db] : [] });
  let ingest: PendingIngest | undefined;
  try {
    const result = await writeRun(request, out.tmp);
    await request.extraWrite?.(out.tmp, result);
    if (request.db) {
      const { prepareIngest } = await import('./store/duckdb.js'); // DuckDB only when asked for
      ingest = await prepareIngest(request.db, result.corpus.papers, request.definitions);
      result.dbSlices = ingest.slices;
    }
    out.swap();
    try {
      await ingest?.commit();
    } catch (error) {
      out.undo();
      throw error;
    }
    out.finish();
    return result;
  } catch (error) {
    await ingest?.rollback();
    out.abort();
    throw error;
  }
}

async function writeRun(request: AnalyzeRequest, dir: string): Promise<AnalyzeResult> {
  const papersFile = join(dir, 'papers.jsonl');
  // Without an LLM pass a paper is final once built, unless the run-level placement below may change
  // it: it is written at once and kept in memory without its field evidence (the analytics do not read
  // it), which keeps large runs small. Papers the placement may change keep theirs and where their
  // line is, so that the changed ones' lines can be replaced afterwards.
  const writer = request.llm ? null : new PapersJsonlWriter(papersFile);
  const timings = request.timings;
  const places = new Map<Paper, LinePlace>();
  const lean = Boolean(request.leanPapers && !request.extraWrite && !request.db);
  const lighten = lean ? paperLightener() : null;
  const written = (paper: Paper) => (lighten ? lighten(paper) : (paper.fieldEvidence = []));
  const write = (paper: Paper) => {
    if (!writer) return;
    if (mayPlace(paper) || mayTakeContext(paper)) places.set(paper, writer.write(paper, true));
    else {
      writer.write(paper);
      written(paper);
    }
  };
  const onPaper = writer ? (paper: Paper) => (timings ? timings.time('write', () => write(paper)) : write(paper)) : undefined;
  const { corpus, resolverStats } = await buildCorpusFor(request, onPaper);
  if (writer) timings ? timings.time('write', () => writer.close()) : writer.close();
  if (corpus.papers.length === 0) {
    throw new CollabscopeError('E_NO_PAPERS', `no papers in ${request.files.join(', ')}; nothing was written (the previous output in ${request.out}, if any, is kept)`);
  }
  const llm = request.llm ? await (await import('./llm/affiliations.js')).resolveWithLlm(corpus.papers, request.llm) : undefined;
  if (llm) for (const paper of corpus.papers) paper.countries = paperCountries(paper, request.definitions);
  const passes = () => {
    // companies named without a site, placed from the run's own evidence (--unlocated infer)
    const unlocated = placeUnlocated(corpus.papers, companyIndex(request.kbDirs), multisiteLabs());
    // unresolved short names read from the run's other texts (corpus-context)
    const context = resolveCorpusContext(corpus.papers);
    const changed = [...new Set([...unlocated.changed, ...context.changed])];
    for (const paper of changed) paper.countries = paperCountries(paper, request.definitions);
    return { unlocated, context, changed };
  };
  const { unlocated, context, changed } = timings ? timings.time('passes', passes) : passes();
  if (writer) {
    const replace = () => writer.replace(changed.map((paper) => ({ paper, place: places.get(paper) as LinePlace })));
    timings ? timings.time('write', replace) : replace();
    for (const paper of places.keys()) written(paper);
    places.clear();
    forgetAffiliationJson();
  }
  const llmFields =
    request.llm && request.llmFields
      ? await (await import('./llm/fields.js')).classifyWithLlm(corpus.papers, corpus.texts ?? new Map(), loadTaxonomy(), loadTechnologies(), leftOfBudget(request.llm, llm), request.llmFields)
      : undefined;
  const summarizeRun = () => summarize(corpus, request.pair, request.definitions, request.tech);
  const analytics = timings ? timings.time('analytics', summarizeRun) : summarizeRun();
  const summary: Summary = {
    ...analytics,
    unlocated: unlocatedSummary(unlocated),
    corpusContext: { placed: context.placed, papers: context.changed.length },
    ...(llm ? { llm } : {}),
    ...(llmFields ? { llmFields } : {}),
  };
  const writeStarted = performance.now();
  if (!writer) await writePapersJsonl(papersFile, corpus.papers);
  writeJson(join(dir, 'summary.json'), summary);
  timings?.add('write', performance.now() - writeStarted);
  return { corpus, summary, resolverStats };
}

/** --llm-max-requests is one budget for the run: the fields step gets what the affiliation step left. */
function leftOfBudget(options: LlmRunOptions, spent: LlmAffiliationReport | undefined): LlmRunOptions {
  return { ...options, maxRequests: Math.max(0, options.maxRequests - (spent?.requests ?? 0)) };
}

async function buildCorpusFor(request: AnalyzeRequest, onPaper?: (paper: Paper) => void): Promise<{ corpus: Corpus; resolverStats: ResolverStats }> {
  const keepTexts = request.llm ? request.llmFields : undefined;
  const plan = workerPlan(request);
  if (plan.mode === 'pool') {
    request.timings?.notes.push(`index, resolve and classify ran in ${plan.workers} worker threads: counted under other`);
    const { buildCorpusInWorkers } = await import('./workers/pool.js'); // worker threads only when used
    return buildCorpusInWorkers({ ...request, keepTexts, onPaper }, plan.workers);
  }
  const build = () => step(request.progress ?? SILENT_PROGRESS, 'building the institution index', () => createResolver({ kbDirs: request.kbDirs }));
  const resolver = request.timings ? request.timings.time('index', build) : build();
  if (plan.mode === 'main') return { corpus: corpusFor({ ...request, onPaper }, resolver), resolverStats: resolver.stats() };
  request.timings?.notes.push('classify ran in a worker thread beside this one: its figure is the time spent waiting for it');
  const { WorkerClassifier, boundHeapGrowth } = await import('./workers/classify-ahead.js');
  const restoreHeapGrowth = boundHeapGrowth();
  const classifier = new WorkerClassifier();
  try {
    return { corpus: corpusFor({ ...request, onPaper }, resolver, classifier), resolverStats: resolver.stats() };
  } finally {
    restoreHeapGrowth();
    await classifier.close();
  }
}

/** What `--llm --dry-run` would cost: the corpus is built (locally), nothing is sent or written. */
export async function estimateLlm(request: AnalyzeRequest & { llm: LlmRunOptions }, pricePerMillion: [number, number]): Promise<LlmEstimate & { fields?: FieldsEstimate }> {
  const { estimateAffiliationRun } = await import('./llm/affiliations.js');
  const corpus = corpusFor(request, createResolver({ kbDirs: request.kbDirs }));
  const estimate = estimateAffiliationRun(corpus.papers, request.llm, pricePerMillion);
  if (!request.llmFields) return estimate;
  const { estimateFieldsRun } = await import('./llm/fields.js');
  return { ...estimate, fields: estimateFieldsRun([...(corpus.texts ?? new Map()).values()], loadTaxonomy(), loadTechnologies(), request.llm, pricePerMillion) };
}

/** Under 'auto', inputs of at least this many bytes use a pool of workers on a machine with... */
export const PARALLEL_INPUT_BYTES = 64 * 1024 * 1024;
/** ...at least this many cores: each pool worker reads the resolver index and whole papers cross the
 *  thread boundary, so on two cores the pool costs more than it saves (session 14, 100k papers: no
 *  faster, 2.5x the memory). */
export const PARALLEL_MIN_CORES = 4;
// 'classify' is never chosen by 'auto': on two cores it was about 10% faster at 100k generated papers
// (within the machine's spread between runs) for 35% more CPU and 30% more memory, gained nothing
// measurable on 16,500-20,000 real papers or at 1M, and took 14% more memory at 1M (session 14).

type WorkerPlan = { mode: 'main' } | { mode: 'classify' } | { mode: 'pool'; workers: number };

/** Where resolve and classify run: here; classify in one worker beside this thread; or both in a pool. */
export function workerPlan(request: Pick<AnalyzeRequest, 'workers' | 'files'>, cores = availableParallelism()): WorkerPlan {
  const setting = request.workers ?? 'auto';
  if (setting === 'classify') return { mode: 'classify' };
  if (setting !== 'auto') {
    const workers = Math.max(1, Math.floor(setting));
    return workers > 1 ? { mode: 'pool', workers } : { mode: 'main' };
  }
  const bytes = [...new Set(request.files)].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
  return cores >= PARALLEL_MIN_CORES && bytes >= PARALLEL_INPUT_BYTES ? { mode: 'pool', workers: Math.min(4, cores - 1) } : { mode: 'main' };
}

function corpusFor(request: AnalyzeRequest & { onPaper?: (paper: Paper) => void }, resolver: Resolver, ahead?: ClassifyAhead): Corpus {
  const progress = request.progress ?? SILENT_PROGRESS;
  const timings = request.timings;
  const made = () => (timings ? timings.time('index', () => createClassifier()) : createClassifier());
  const classifier = ahead ?? (timings ? timings.classifier(made()) : made());
  return buildCorpus({
    files: request.files,
    format: request.format,
    venue: request.venue,
    year: request.year,
    definitions: request.definitions,
    resolver: timings ? timings.resolver(resolver) : resolver,
    classifier,
    ignoreEmail: request.ignoreEmail,
    keepTexts: request.llm ? request.llmFields : undefined,
    onPaper: request.onPaper,
    progress,
    timings,
  });
}

export function summarize(corpus: Corpus, pair: [string, string], definitions: Definitions, tech: TechCount = 'used'): Summary {
  return {
    ...summarizeHeadline(corpus, pair, definitions),
    ...analyzeCorpus(corpus.papers, { pair, definitions }),
    techFlow: summarizeTechFlow(corpus.papers, { count: tech }),
  };
}
