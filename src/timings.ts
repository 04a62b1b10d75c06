// `analyze --timings`: where a run's wall time goes, by stage, printed on stderr. Stages that interleave
// (records are read, resolved, classified and written one at a time) are timed around each call. A
// stage timed inside another counts only for itself: `build` (a paper assembled from its resolved
// authors and classes: countries, shared affiliations) excludes the resolve, classify and write calls
// made while it runs. `passes` is the run-level passes after the build (--unlocated infer, corpus
// context); `report` the text printed at the end.
import type { AuthorResolver, PaperClassifier } from './pipeline.js';
import { blockReads, BLOCK_SIZE } from './resolve/paged-body.js';

export const STAGES = ['load', 'index', 'read', 'resolve', 'classify', 'build', 'write', 'passes', 'analytics', 'report'] as const;
export type Stage = (typeof STAGES)[number];

export class Timings {
  readonly ms = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  /** Said after the figures, e.g. that worker threads did the resolving. */
  readonly notes: string[] = [];

  /** `now`: the clock, in milliseconds (a test gives its own). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  add(stage: Stage, ms: number): void {
    this.ms[stage] += ms;
  }

  /** Time counted by stages timed inside the one running (taken off its own). */
  private inner = 0;

  time<T>(stage: Stage, run: () => T): T {
    const started = this.now();
    const outer = this.inner;
    this.inner = 0;
    try {
      return run();
    } finally {
      const elapsed = this.now() - started;
      this.add(stage, elapsed - this.inner);
      this.inner = outer + elapsed;
    }
  }

  /** The same items, the time spent producing each one added to the stage. */
  *iterate<T>(stage: Stage, items: Iterable<T>): Generator<T> {
    const iterator = items[Symbol.iterator]();
    for (;;) {
      const step = this.time(stage, () => iterator.next());
      if (step.done) return;
      yield step.value;
    }
  }

  resolver(resolver: AuthorResolver): AuthorResolver {
    return { resolveAuthor: (author) => this.time('resolve', () => resolver.resolveAuthor(author)) };
  }

  classifier(classifier: PaperClassifier): PaperClassifier {
    return {
      classifyFields: (paper) => this.time('classify', () => classifier.classifyFields(paper)),
      detectTechnologies: (paper) => this.time('classify', () => classifier.detectTechnologies(paper)),
    };
  }

  /** One line: each stage in seconds, then the total since the process started and what is left over. */
  format(totalMs = performance.now()): string {
    const counted = STAGES.reduce((sum, s) => sum + this.ms[s], 0);
    const parts = STAGES.map((s) => `${s} ${seconds(this.ms[s])}`);
    const read = blockReads.of > 0 ? [`resolver index: ${blockReads.read} of ${blockReads.of} blocks read (${((blockReads.read * BLOCK_SIZE) / 2 ** 20).toFixed(1)} MB)`] : [];
    const notes = this.notes.length + read.length ? ` (${[...this.notes, ...read].join('; ')})` : '';
    return `timings (s): ${parts.join(', ')}, other ${seconds(Math.max(0, totalMs - counted))}, total ${seconds(totalMs)}${notes}`;
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}
