// The classify worker: fields and technologies of the batches of papers it is sent, in order, so that
// the main thread can resolve and write the papers before while this runs beside it (see
// classify-ahead.ts). After each reply it bumps a shared counter, which the main thread waits on, and
// while alive it bumps a second one (a heartbeat), so the main thread can tell a dead worker from a busy
// one without its event loop. Everything that can fail is caught and becomes an error reply: the
// classifier is loaded on the first batch, inside the try, and an uncaught error is reported too.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Classifier } from '../classify/index.js';
import type { ClassifyBatch, ClassifyReply } from './classify-ahead.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);
/** counter[0]: replies posted; counter[1]: heartbeats. */
const HEARTBEAT_MS = 100;
setInterval(() => Atomics.add(counter, 1, 1), HEARTBEAT_MS).unref();
let classifier: Promise<Classifier> | undefined;

function send(reply: ClassifyReply): void {
  try {
    port.postMessage(reply);
  } catch (error) {
    port.postMessage({ seq: reply.seq, error: `the reply could not be sent: ${error instanceof Error ? error.message : String(error)}` });
  }
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

const failed = (error: unknown) => send({ seq: -1, error: error instanceof Error ? error.message : String(error) });
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);

port.on('message', async (message: unknown) => {
  const seq = typeof (message as { seq?: unknown } | null)?.seq === 'number' ? (message as { seq: number }).seq : -1;
  try {
    const { papers } = message as ClassifyBatch;
    classifier ??= import('../classify/index.js').then(({ createClassifier }) => createClassifier());
    const stage = await classifier;
    send({
      seq,
      results: papers.map((paper) => {
        const { fields, evidence } = stage.classifyFields(paper);
        return { fields, evidence, technologies: stage.detectTechnologies(paper) };
      }),
    });
  } catch (error) {
    send({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
