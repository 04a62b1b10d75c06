// One analyze run end to end: build the corpus, summarise it, write the output directory.
import { join } from 'node:path';
import type { Definitions } from './types.js';
import { buildCorpus, SILENT_PROGRESS, type Corpus, type Progress } from './pipeline.js';
import { summarizeHeadline, type HeadlineSummary } from './summary.js';
import { writeJson, writeOutputDir, writePapersJsonl } from './output.js';
import type { SourceFormat } from './sources/index.js';
import { createResolver } from './resolve/index.js';
import { createClassifier, summarizeTechFlow, type TechFlowSummary } from './classify/index.js';
import { analyzeCorpus, type Analytics } from './analyze/index.js';

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
  progress?: Progress;
}

export type Summary = HeadlineSummary & Analytics & { techFlow: TechFlowSummary };

export async function runAnalyze(request: AnalyzeRequest): Promise<{ corpus: Corpus; summary: Summary }> {
  const progress = request.progress ?? SILENT_PROGRESS;
  const resolver = createResolver({ kbDirs: request.kbDirs });
  const corpus = buildCorpus({
    files: request.files,
    format: request.format,
    venue: request.venue,
    year: request.year,
    definitions: request.definitions,
    resolver,
    classifier: createClassifier(),
    ignoreEmail: request.ignoreEmail,
    progress,
  });
  const summary = summarize(corpus, request.pair, request.definitions);
  await writeOutputDir(request.out, async (dir) => {
    await writePapersJsonl(join(dir, 'papers.jsonl'), corpus.papers);
    writeJson(join(dir, 'summary.json'), summary);
  });
  return { corpus, summary };
}

export function summarize(corpus: Corpus, pair: [string, string], definitions: Definitions): Summary {
  return {
    ...summarizeHeadline(corpus, pair, definitions),
    ...analyzeCorpus(corpus.papers, { pair, definitions }),
    techFlow: summarizeTechFlow(corpus.papers),
  };
}
