// The analyze pipeline: sources -> resolve -> classify -> countries under the definitions.
// Stages are passed in as plain interfaces so this module depends on none of their internals.
import type { Affiliation, Definitions, FieldEvidence, Paper, RawAuthor, RawPaper, TechnologyHit } from './types.js';
import { paperCountries } from './definitions.js';
import { streamSource, type SourceFormat, type SourceWarning } from './sources/index.js';
import type { PaperText } from './llm/fields.js';
import { keepsText, type LlmFieldsScope } from './llm/unclassified.js';
import type { Timings } from './timings.js';
import { rememberAffiliationJson } from './papers-jsonl.js';
import type { Classified, ClassifyAhead } from './workers/classify-ahead.js';

export interface AuthorResolver {
  resolveAuthor(author: RawAuthor): Affiliation[];
}

export interface PaperClassifier {
  classifyFields(paper: RawPaper): { fields: string[]; evidence: FieldEvidence[] };
  detectTechnologies(paper: RawPaper): TechnologyHit[];
}

export interface Progress {
  start(label: string, total: number): void;
  tick(count?: number): void;
  /** Papers done inside the current step (resolved and classified), shown as a running count. */
  item?(count?: number): void;
  stop(): void;
}

export const SILENT_PROGRESS: Progress = { start() {}, tick() {}, stop() {} };

/** The same for asynchronous work. */
export async function stepAsync<T>(progress: Progress, label: string, work: () => Promise<T>): Promise<T> {
  progress.start(label, 1);
  try {
    return await work();
  } finally {
    progress.tick();
    progress.stop();
  }
}

/** One step of unknown length shown as a bar of one unit (its label is what the user sees while it runs). */
export function step<T>(progress: Progress, label: string, work: () => T): T {
  progress.start(label, 1);
  try {
    return work();
  } finally {
    progress.tick();
    progress.stop();
  }
}

export interface CorpusOptions {
  files: string[];
  format?: SourceFormat;
  venue?: string;
  year?: number;
  definitions: Definitions;
  resolver: AuthorResolver;
  /** The classify stage: in this thread, or in a worker thread given each batch of papers ahead of its use. */
  classifier: PaperClassifier | ClassifyAhead;
  /** Drop e-mail domains so that only affiliation strings decide. */
  ignoreEmail?: boolean;
  /** Keep the text of the papers --llm-fields will ask about: those the classifier could not place, or all. */
  keepTexts?: LlmFieldsScope;
  /** Called with each paper, in input order, as soon as it is built (e.g. to write it out). */
  onPaper?: (paper: Paper) => void;
  progress?: Progress;
  /** With --timings: reading and building are timed here (the caller wraps resolver, classifier and onPaper). */
  timings?: Timings;
}

export interface Corpus {
  papers: Paper[];
  warnings: SourceWarning[];
  skipped: SourceWarning[];
  /** Title, keywords and abstract of the papers keepTexts names, when it was set. */
  texts?: Map<string, PaperText>;
}

export function buildCorpus(options: CorpusOptions): Corpus {
  const input = readInput(options);
  const papers: Paper[] = [];
  const texts = new Map<string, PaperText>();
  const shared = new AffiliationPool();
  const records = options.timings ? options.timings.iterate('read', input.records) : input.records;
  const ahead = 'submit' in options.classifier ? options.classifier : null;
  // with a classify worker, each paper's fields and technologies are taken from its batch's results
  const classified = new Map<RawPaper, Classified>();
  const stages = ahead ? { ...options, classifier: takenFrom(classified) } : { ...options, classifier: options.classifier as PaperClassifier };
  const build = (raw: RawPaper, id: string) => {
    const paper = shared.intern(toPaper(raw, id, stages));
    if (keepsText(paper, options.keepTexts)) texts.set(id, textOf(raw, id));
    options.onPaper?.(paper);
    papers.push(paper);
    options.progress?.item?.();
  };
  const timings = options.timings;
  const buildTimed = (raw: RawPaper, id: string) => (timings ? timings.time('build', () => build(raw, id)) : build(raw, id));
  if (!ahead) for (const { raw, id } of records) buildTimed(raw, id);
  else {
    // the next batch is submitted before this one is built, so the worker classifies while this thread
    // resolves and writes; the wait for a batch's results counts as classify
    const iterator = records[Symbol.iterator]();
    const readBatch = (): InputRecord[] => {
      const batch: InputRecord[] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) if (batch.push(next.value) === AHEAD_BATCH) break;
      if (batch.length) ahead.submit(batch.map((r) => r.raw));
      return batch;
    };
    for (let batch = readBatch(); batch.length; ) {
      const following = readBatch();
      const results = timings ? timings.time('classify', () => ahead.take()) : ahead.take();
      batch.forEach((record, i) => classified.set(record.raw, results[i]));
      for (const { raw, id } of batch) buildTimed(raw, id);
      classified.clear();
      batch = following;
    }
  }
  return { papers, warnings: input.warnings, skipped: input.skipped, ...(options.keepTexts ? { texts } : {}) };
}

/** Papers per batch given to a classify worker. */
const AHEAD_BATCH = 256;

/** A classifier that answers from results already computed for these raw papers. */
function takenFrom(classified: Map<RawPaper, Classified>): PaperClassifier {
  const of = (raw: RawPaper) => {
    const result = classified.get(raw);
    if (!result) throw new Error(`no classify result for record ${raw.source.index} of ${raw.source.file}`);
    return result;
  };
  return { classifyFields: (raw) => of(raw), detectTechnologies: (raw) => of(raw).technologies };
}

export function textOf(raw: RawPaper, id: string): PaperText {
  return { id, title: raw.title, keywords: raw.keywords, abstract: raw.abstract };
}

export interface InputRecord {
  raw: RawPaper;
  /** The run-wide unique id, given in input order. */
  id: string;
}

/**
 * The records of every input file, in order, each with its id: a stream, so each record can become a
 * Paper as it is read and raw records (with abstracts) are never all held at once. Warnings and
 * skipped records fill in as files are read.
 */
export function readInput(options: Pick<CorpusOptions, 'files' | 'format' | 'venue' | 'year' | 'ignoreEmail' | 'progress'>): {
  records: Iterable<InputRecord>;
  warnings: SourceWarning[];
  skipped: SourceWarning[];
} {
  const progress = options.progress ?? SILENT_PROGRESS;
  const warnings: SourceWarning[] = [];
  const skipped: SourceWarning[] = [];
  function* records(): Generator<InputRecord> {
    const ids = new UniqueIds();
    progress.start('reading and resolving', options.files.length);
    for (const file of options.files) {
      const source = streamSource(file, { format: options.format, venue: options.venue, year: options.year });
      const repeats = new RepeatedRecords();
      const repeated = new Set<number>();
      for (const raw of source.papers) {
        const repeat = repeats.check(raw);
        if (repeat) {
          skipped.push(repeat);
          repeated.add(repeat.index);
          continue;
        }
        if (options.ignoreEmail) for (const author of raw.authors) author.emailDomain = null;
        yield { raw, id: ids.next(raw) };
      }
      // a repeated record is one skip: what the source warned of it (its slots, say) is the first record's already
      warnings.push(...(repeated.size ? source.warnings.filter((w) => !repeated.has(w.index)) : source.warnings));
      skipped.push(...source.skipped);
      progress.tick();
    }
    progress.stop();
  }
  return { records: records(), warnings, skipped };
}

/** One raw paper resolved, classified and given its countries under the definitions. */
export function toPaper(raw: RawPaper, id: string, options: { resolver: AuthorResolver; classifier: PaperClassifier; definitions: Definitions }): Paper {
  const authors = raw.authors.map((author) => ({
    name: author.name,
    ...(author.emailDomain ? { emailDomain: author.emailDomain } : {}),
    ...(author.ids?.length ? { ids: author.ids } : {}),
    affiliations: options.resolver.resolveAuthor(author),
  }));
  const { fields, evidence } = options.classifier.classifyFields(raw);
  const paper: Paper = {
    id,
    source: raw.source,
    venue: raw.venue,
    year: raw.year,
    title: raw.title,
    track: raw.track,
    status: raw.status,
    topic: raw.topic,
    keywords: raw.keywords,
    url: raw.url,
    authors,
    countries: [],
    fields,
    fieldEvidence: evidence,
    technologies: options.classifier.detectTechnologies(raw),
    hasAbstract: Boolean(raw.abstract?.trim()),
    ...(raw.affiliationSlots === undefined ? {} : { affiliationSlots: raw.affiliationSlots }),
    ...(raw.unattributed?.length ? { unattributed: resolveUnattributed(raw.unattributed, options.resolver) } : {}),
  };
  paper.countries = paperCountries(paper, options.definitions);
  return paper;
}

/** Each surplus slot's text resolved alone: no author holds them, so none lends another author context. */
export function resolveUnattributed(texts: readonly string[], resolver: AuthorResolver): Affiliation[] {
  return texts.flatMap((text) => resolver.resolveAuthor({ name: '', affiliations: [text], emailDomain: null }));
}

/**
 * One paper listed again in the same file: the same source id, title and author names as an earlier
 * record (SIGGRAPH 2025's list gives a paper once per session it is shown in). Read once; each repeat
 * is a `repeated-record` skip naming the first. Records without a source id are never taken for repeats.
 */
export class RepeatedRecords {
  private readonly first = new Map<string, number>();

  check(paper: Pick<RawPaper, 'sourceId' | 'title' | 'authors' | 'source'>): SourceWarning | null {
    if (paper.sourceId === null) return null;
    const key = JSON.stringify([paper.sourceId, paper.title.trim().toLowerCase(), paper.authors.map((a) => a.name)]);
    const first = this.first.get(key);
    if (first === undefined) {
      this.first.set(key, paper.source.index);
      return null;
    }
    return { file: paper.source.file, index: paper.source.index, code: 'repeated-record', message: `record ${paper.source.index} repeats record ${first} (same id, title and authors): the paper is read once` };
  }
}

/**
 * Paper ids unique across a run: `<venue><year>:<source id>`, the record position when the source
 * has no id, and a `~2`, `~3`... suffix when a source repeats an id.
 */
export class UniqueIds {
  private readonly used = new Set<string>();

  next(paper: Pick<RawPaper, 'venue' | 'year' | 'sourceId' | 'source'>): string {
    const prefix = `${paper.venue.toLowerCase().replace(/[^a-z0-9]+/g, '')}${paper.year}`;
    const base = `${prefix}:${paper.sourceId ?? `${paper.source.file}#${paper.source.index}`}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}~${n}`;
    this.used.add(id);
    return id;
  }
}

/**
 * Most affiliations repeat across papers; the pool makes equal ones one shared, frozen object, which
 * keeps a corpus of a million papers in memory. Nothing downstream changes an affiliation in place
 * (the LLM step replaces them), and freezing makes sure of it.
 */
export class AffiliationPool {
  private readonly pool = new Map<string, Affiliation>();
  /** The resolver hands out the same object for the same text: such repeats skip the JSON key. Weak, so
   *  objects only the pool still knows of can go. */
  private readonly byIdentity = new WeakMap<Affiliation, Affiliation>();

  /** Author names, one string each: an author on many papers is one name in memory. */
  private readonly names = new Map<string, string>();

  intern(paper: Paper): Paper {
    for (const author of paper.authors) {
      const name = this.names.get(author.name);
      if (name === undefined) this.names.set(author.name, author.name);
      else author.name = name;
      author.affiliations = author.affiliations.map((affiliation) => this.share(affiliation));
    }
    if (paper.unattributed) paper.unattributed = paper.unattributed.map((affiliation) => this.share(affiliation));
    return paper;
  }

  private share(affiliation: Affiliation): Affiliation {
    const known = this.byIdentity.get(affiliation);
    if (known) return known;
    const key = JSON.stringify(affiliation);
    let shared = this.pool.get(key);
    if (!shared) {
      Object.freeze(affiliation.evidence);
      shared = Object.freeze(affiliation);
      this.pool.set(key, shared);
      rememberAffiliationJson(shared, key); // the key is its JSON: papers.jsonl reuses it
    }
    this.byIdentity.set(affiliation, shared);
    return shared;
  }
}
