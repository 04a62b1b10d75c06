// A worker thread of the parallel pipeline: resolves and classifies the batches it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { textOf, toPaper, type InputRecord } from '../pipeline.js';
import { keepsText, type LlmFieldsScope } from '../llm/unclassified.js';
import { createResolver } from '../resolve/index.js';
import { createClassifier } from '../classify/index.js';
import type { Definitions } from '../types.js';

export interface WorkerSetup {
  definitions: Definitions;
  kbDirs?: string[];
  keepTexts?: LlmFieldsScope;
}

export interface BatchMessage {
  seq: number;
  records: InputRecord[];
}

const setup = workerData as WorkerSetup;
const stages = { resolver: createResolver({ kbDirs: setup.kbDirs }), classifier: createClassifier(), definitions: setup.definitions };

parentPort!.on('message', ({ seq, records }: BatchMessage) => {
  try {
    const papers = records.map(({ raw, id }) => toPaper(raw, id, stages));
    const texts = setup.keepTexts ? records.filter((_, i) => keepsText(papers[i], setup.keepTexts)).map(({ raw, id }) => textOf(raw, id)) : [];
    parentPort!.postMessage({ seq, papers, texts, stats: stages.resolver.stats() });
  } catch (error) {
    parentPort!.postMessage({ seq, error: (error as Error).message });
  }
});
