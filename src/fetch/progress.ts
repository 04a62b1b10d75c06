// A progress bar on stderr for downloads and paged API reads: counts, total when known, ETA, and the
// last retry or wait next to it. Drawn only when stderr is a terminal; silent otherwise.
import cliProgress from 'cli-progress';
import { SILENT_FETCH_PROGRESS, type FetchProgress, type ProgressUnit } from './http.js';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function terminalFetchProgress(stream: NodeJS.WriteStream = process.stderr): FetchProgress {
  if (!stream.isTTY) return SILENT_FETCH_PROGRESS;
  let bar: cliProgress.SingleBar | null = null;
  let current: { label: string; unit: ProgressUnit; known: boolean } | null = null;
  const progress: FetchProgress = {
    start(label, total, u: ProgressUnit) {
      bar?.stop();
      const known = total !== null && total > 0;
      current = { label, unit: u, known };
      const counts = known ? '{value}/{total} ' + (u === 'bytes' ? '' : u) : '{value} ' + (u === 'bytes' ? '' : u);
      const format = known
        ? `${label.padEnd(28)} [{bar}] ${counts} {percentage}% | ETA {eta_formatted} {note}`
        : `${label.padEnd(28)} ${counts} {note}`;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 20,
          formatValue: (value, _options, type) => (u === 'bytes' && (type === 'value' || type === 'total') ? formatBytes(value) : String(value)),
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(known ? total! : 0, 0, { note: '' });
    },
    update(value, total) {
      if (!bar || !current) return;
      if (total !== undefined && total !== null && total > 0) {
        // The total arrived with the first page: redraw with a bar and an ETA.
        if (!current.known) progress.start(current.label, total, current.unit);
        else bar.setTotal(total);
      }
      bar!.update(value);
    },
    note(message) {
      bar?.update({ note: message });
      if (!bar) stream.write(`${message}\n`);
    },
    stop() {
      bar?.stop();
      bar = null;
      current = null;
    },
  };
  return progress;
}
