// Floors a run is compared with, each measured on the platform alone (no product code):
//   parse floor   read a JSONL input in 1 MB chunks, JSON.parse every line, touch every affiliation string;
//   output floor  what writing the run's own papers.jsonl costs with the platform's serializer alone: the
//                 file's lines are read and parsed (not timed), then each object is written back with
//                 JSON.stringify into a 1 MB buffer flushed to a scratch file (timed): the same bytes the
//                 run wrote, by the cheapest route there is for them.
// Both stream, so a 5 GB file needs no more memory than a 100 MB one.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface ParseFloor {
  seconds: number;
  cpuSeconds: number;
  papers: number;
  /** Affiliation characters read (so that the touching is not optimised away). */
  touched: number;
}

export interface OutputFloor {
  seconds: number;
  cpuSeconds: number;
  lines: number;
  /** Bytes written (equal to the file's size when the lines round-trip, which papers.jsonl's do). */
  bytes: number;
}

const CHUNK = 1 << 20;

/** The file's non-empty lines, a 1 MB read's worth at a time (a last line without a newline included). */
function eachLineBatch(path: string, onLines: (lines: string[]) => void): void {
  const fd = openSync(path, 'r');
  const read = Buffer.allocUnsafe(CHUNK);
  // a character cut by a read's end is completed by the next read
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (let n = readSync(fd, read); n > 0; n = readSync(fd, read)) {
      const lines = (rest + decoder.write(read.subarray(0, n))).split('\n');
      rest = lines.pop() ?? '';
      onLines(lines.filter(Boolean));
    }
  } finally {
    closeSync(fd);
  }
  rest += decoder.end();
  if (rest) onLines([rest]);
}

export function parseFloor(jsonl: string): ParseFloor {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let papers = 0;
  let touched = 0;
  eachLineBatch(jsonl, (lines) => {
    for (const line of lines) {
      const row = JSON.parse(line) as { affiliations?: unknown };
      papers++;
      for (const a of String(row.affiliations ?? '').split(';')) touched += a.trim().length;
    }
  });
  const spent = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (spent.user + spent.system) / 1e6, papers, touched };
}

export function outputFloor(papersJsonl: string, scratch = `${papersJsonl}.floor`): OutputFloor {
  const output = openSync(scratch, 'w');
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let lines = 0;
  let bytes = 0;
  let milliseconds = 0;
  let cpuMicros = 0;
  const write = (buffer: Buffer) => {
    let done = 0;
    while (done < buffer.length) done += writeSync(output, buffer, done, buffer.length - done);
    bytes += buffer.length;
  };
  const flush = () => {
    write(chunk.subarray(0, used));
    used = 0;
  };
  /** Runs `work` and adds its wall and CPU time to the floor's. */
  const timed = (work: () => void) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    work();
    const spent = process.cpuUsage(cpu);
    cpuMicros += spent.user + spent.system;
    milliseconds += performance.now() - started;
  };
  try {
    eachLineBatch(papersJsonl, (text) => {
      const objects = text.map((line) => JSON.parse(line) as unknown);
      timed(() => {
        for (const object of objects) {
          const line = `${JSON.stringify(object)}\n`;
          if (line.length * 3 > CHUNK - used) flush();
          if (line.length * 3 > CHUNK) write(Buffer.from(line, 'utf8'));
          else used += chunk.write(line, used, 'utf8');
        }
      });
      lines += objects.length;
    });
    timed(flush);
  } finally {
    closeSync(output);
    rmSync(scratch, { force: true });
  }
  return { seconds: milliseconds / 1000, cpuSeconds: cpuMicros / 1e6, lines, bytes };
}
