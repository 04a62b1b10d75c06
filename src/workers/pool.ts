// The parallel pipeline: the main thread reads records in order and gives them ids; worker threads
// resolve and classify batches; results are put back in input order, so the output is the same,
// byte for byte, as a single-threaded run.
import type { Worker } from 'node:worker_threads';
import { startWorker } from './start.js';
import type { Paper } from '../types.js';
import { AffiliationPool, readInput, type Corpus, type CorpusOptions, type InputRecord } from '../pipeline.js';
import type { BatchMessage, WorkerSetup } from './worker.js';
import { ensureIndexFile } from '../resolve/index.js';
import type { ResolverStats } from '../run.js';
import type { PaperText } from '../llm/fields.js';

export const BATCH_SIZE = 500;

export async function buildCorpusInWorkers(
  options: Omit<CorpusOptions, 'resolver' | 'classifier'> & { kbDirs?: string[] },
  workerCount: number,
): Promise<{ corpus: Corpus; resolverStats: ResolverStats }> {
  const input = readInput(options);
  const setup: WorkerSetup = { definitions: options.definitions, kbDirs: options.kbDirs, keepTexts: options.keepTexts };
  // one prebuilt resolver index on disk for all the workers (built here once when missing)
  ensureIndexFile({ kbDirs: options.kbDirs });
  const texts = new Map<string, PaperText>();
  const workers = Array.from({ length: workerCount }, () => startWorker('worker', setup));
  const done = new Map<number, Paper[]>();
  const stats = new Map<Worker, ResolverStats>();
  const papers: Paper[] = [];
  const shared = new AffiliationPool();
  let nextToEmit = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const iterator = (options.timings ? options.timings.iterate('read', input.records) : input.records)[Symbol.iterator]();
      let sent = 0;
      let finished = false;
      const emitReady = () => {
        for (let batch = done.get(nextToEmit); batch; batch = done.get(nextToEmit)) {
          for (const built of batch) {
            const paper = shared.intern(built);
            options.onPaper?.(paper);
            papers.push(paper);
            options.progress?.item?.();
          }
          done.delete(nextToEmit++);
        }
        if (finished && nextToEmit === sent) resolve();
      };
      const sendNext = (worker: Worker) => {
        if (finished) return;
        const records: InputRecord[] = [];
        try {
          for (let step = iterator.next(); !step.done; step = records.length < BATCH_SIZE ? iterator.next() : { done: true, value: undefined }) {
            records.push(step.value);
            if (records.length === BATCH_SIZE) break;
          }
        } catch (error) {
          reject(error);
          return;
        }
        if (records.length === 0) {
          finished = true;
          emitReady();
          return;
        }
        const message: BatchMessage = { seq: sent++, records };
        worker.postMessage(message);
      };
      for (const worker of workers) {
        worker.on('message', (reply: { seq: number; papers?: Paper[]; texts?: PaperText[]; stats?: ResolverStats; error?: string }) => {
          if (reply.error !== undefined) return reject(new Error(`worker failed: ${reply.error}`));
          for (const text of reply.texts ?? []) texts.set(text.id, text);
          done.set(reply.seq, reply.papers!);
          stats.set(worker, reply.stats!);
          sendNext(worker);
          emitReady();
        });
        worker.on('error', reject);
        sendNext(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const kept = options.keepTexts ? { texts } : {};
  return { corpus: { papers, warnings: input.warnings, skipped: input.skipped, ...kept }, resolverStats: sumStats([...stats.values()]) };
}

/** Each worker built its own index and cache: build time is the slowest, counts add up. */
function sumStats(all: ResolverStats[]): ResolverStats {
  return {
    institutions: all[0]?.institutions ?? 0,
    buildMs: Math.max(0, ...all.map((s) => s.buildMs)),
    cacheHits: all.reduce((n, s) => n + s.cacheHits, 0),
    cacheMisses: all.reduce((n, s) => n + s.cacheMisses, 0),
  };
}
