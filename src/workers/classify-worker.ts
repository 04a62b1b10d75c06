// The classify worker: fields and technologies of the batches of papers it is sent, in order, so that
// the main thread can resolve and write the papers before while this runs beside it (see
// classify-ahead.ts). After each reply it bumps a shared counter, which the main thread waits on. The
// classifier is loaded on the first batch, inside the try: a failure to load it is a reply too, so the
// main thread is told rather than left waiting.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Classifier } from '../classify/index.js';
import type { ClassifyBatch, ClassifyReply } from './classify-ahead.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);
let classifier: Promise<Classifier> | undefined;

port.on('message', async ({ seq, papers }: ClassifyBatch) => {
  let reply: ClassifyReply;
  try {
    classifier ??= import('../classify/index.js').then(({ createClassifier }) => createClassifier());
    const stage = await classifier;
    reply = {
      seq,
      results: papers.map((paper) => {
        const { fields, evidence } = stage.classifyFields(paper);
        return { fields, evidence, technologies: stage.detectTechnologies(paper) };
      }),
    };
  } catch (error) {
    reply = { seq, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
