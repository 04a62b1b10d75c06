// A progress bar on stderr for long work, drawn only when stderr is a terminal.
import cliProgress from 'cli-progress';
import { SILENT_PROGRESS, type Progress } from '../pipeline.js';

/** Off when stderr is not a terminal (pipes, CI, files) or with --quiet. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, options: { quiet?: boolean } = {}): Progress {
  if (!stream.isTTY || options.quiet) return SILENT_PROGRESS;
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(label, total) {
      bar = new cliProgress.SingleBar(
        { stream, format: `${label.padEnd(26)} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick(count = 1) {
      bar?.increment(count);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
