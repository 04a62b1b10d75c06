// Classification in one worker thread beside the main thread: the main thread submits a batch of raw
// papers, goes on reading, resolving and writing the batch before, and then takes the batch's fields
// and technologies, synchronously (a message port read without the event loop, and a wait on a shared
// counter the worker bumps after each reply). The classifier is a pure function of each paper, so the
// results are the ones the main thread would compute, byte for byte (tested). Unlike the worker pool,
// the worker needs no resolver index and only the records without their authors cross the thread
// boundary. Only when asked (--workers classify): on two cores it saved about a tenth of the wall time
// at 100k papers for a third more CPU and memory, and nothing measurable at 1M (README, Performance).
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import type { FieldEvidence, RawPaper, TechnologyHit } from '../types.js';
import { startWorker } from './start.js';

export interface Classified {
  fields: string[];
  evidence: FieldEvidence[];
  technologies: TechnologyHit[];
}

export interface ClassifyBatch {
  seq: number;
  papers: RawPaper[];
}

export type ClassifyReply = { seq: number; results: Classified[]; error?: undefined } | { seq: number; error: string; results?: undefined };

/** Classifies batches submitted ahead of their use; take() returns the oldest batch's results. */
export interface ClassifyAhead {
  submit(papers: readonly RawPaper[]): void;
  take(): Classified[];
}

/**
 * With classification off this thread, it allocates more slowly than the collector works, and V8 then
 * lets its heap grow to 4x what is live between full collections (measured at 100k papers: 840 MB
 * peak RSS against 375 MB in one thread). A fixed growth factor of 1.2 keeps it at 460 MB for the same
 * speed (1.5: 500 MB at 100k, but 3.4 GB at 1M; 1.2: 2.7 GB there, against 2.5 GB in one thread).
 * V8 reads the flag at each collection; it is process-wide, so it is set for the corpus build in this
 * mode only and put back to V8's own choice afterwards.
 */
export const HEAP_GROWING_PERCENT = 20;
export function boundHeapGrowth(): () => void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // 0 is V8's default: it chooses the growth factor itself again
  return () => setFlagsFromString('--heap-growing-percent=0');
}

/** How long take() waits for one batch before it gives up (a batch takes milliseconds). */
const ANSWER_TIMEOUT_MS = 120_000;
/**
 * A worker whose heartbeat (every 100 ms while its event loop runs) stops this long is taken for dead,
 * once it has answered a first batch: before that it may be busy loading the classifier (synchronous
 * work, slow on a loaded machine); after it, a batch is milliseconds of work.
 */
const SILENCE_MS = 10_000;

export class WorkerClassifier implements ClassifyAhead {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: replies the worker posted; [1]: its heartbeats (see classify-worker.ts). */
  private readonly counter = new Int32Array(new SharedArrayBuffer(8));
  private failure: string | undefined;
  /** Whether the worker has answered (its classifier is loaded): only then does its silence count. */
  private answered = false;
  private submitted = 0;
  private taken = 0;

  /** `silenceMs`: how long a stopped heartbeat is taken for a live worker (a test shortens it). */
  constructor(private readonly silenceMs = SILENCE_MS) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = startWorker('classify-worker', { port: port2, signal: this.counter.buffer }, [port2]);
    // seen only when this thread's event loop runs (not while take() waits): kept so that a late
    // 'error' event never goes unhandled
    this.worker.on('error', (error) => (this.failure ??= error.message));
  }

  submit(papers: readonly RawPaper[]): void {
    // the classifier does not read the authors (most of a record's size): they stay here
    const batch: ClassifyBatch = { seq: this.submitted++, papers: papers.map((paper) => ({ ...paper, authors: [], unattributed: undefined })) };
    this.port.postMessage(batch);
  }

  take(): Classified[] {
    if (this.taken >= this.submitted) throw new Error('classify worker: nothing submitted to take');
    if (this.failure !== undefined) throw new Error(`classify worker failed: ${this.failure}`);
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    let heartbeat = Atomics.load(this.counter, 1);
    let lastSign = performance.now();
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const reply = received.message as ClassifyReply;
        if (reply.error !== undefined) throw new Error(`classify worker failed: ${(this.failure = reply.error)}`);
        if (reply.seq !== this.taken) throw new Error(`classify worker: batch ${reply.seq} came back when ${this.taken} was expected`);
        this.taken++;
        this.answered = true;
        return reply.results;
      }
      const now = performance.now();
      const beat = Atomics.load(this.counter, 1);
      if (beat !== heartbeat) [heartbeat, lastSign] = [beat, now];
      else if (this.answered && now - lastSign > this.silenceMs) throw new Error(`classify worker stopped (no sign of life for ${this.silenceMs / 1000} s)`);
      if (now > deadline) throw new Error(`classify worker: no answer in ${ANSWER_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.counter, 0, seen, Math.min(250, this.silenceMs));
    }
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

