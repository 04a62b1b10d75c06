// A progress bar on stderr for long work, drawn only when stderr is a terminal: the step's label, its
// bar (files for reading and resolving), and for steps that go paper by paper a running count.
import type cliProgress from 'cli-progress';
import { requireLazily } from '../lazy-module.js';
import { SILENT_PROGRESS, type Progress } from '../pipeline.js';

/** cli-progress only when a bar is drawn. */
const progressBars = requireLazily<typeof cliProgress>('cli-progress', import.meta.url);

/** Off when stderr is not a terminal (pipes, CI, files) or with --quiet. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, options: { quiet?: boolean } = {}): Progress {
  if (!stream.isTTY || options.quiet) return SILENT_PROGRESS;
  let bar: cliProgress.SingleBar | null = null;
  let items = 0;
  return {
    start(label, total) {
      items = 0;
      // a step of one unit (one file, one index) has no meaningful bar or ETA: its label, the papers done and the time so far
      const format = total <= 1 ? `${label.padEnd(26)}{items} | {duration_formatted}` : `${label.padEnd(26)} [{bar}] {value}/{total} {percentage}%{items} | ETA {eta_formatted}`;
      const bars = progressBars();
      bar = new bars.SingleBar({ stream, format, hideCursor: true, clearOnComplete: true }, bars.Presets.shades_classic);
      bar.start(total, 0, { items: '' });
    },
    tick(count = 1) {
      bar?.increment(count);
    },
    item(count = 1) {
      items += count;
      bar?.update({ items: ` | ${itemsText(items)}` });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** "1 paper", "4,538 papers". */
export function itemsText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'paper' : 'papers'}`;
}
