// Floors a run is compared with besides the parse floor. The output floor: what writing the run's own
// papers.jsonl costs with the platform's serializer alone. The file's lines are read and parsed (not
// timed), then each object is written back with JSON.stringify into a 1 MB buffer flushed to a scratch
// file (timed): the same bytes the run wrote, by the cheapest route there is for them. It streams, so a
// 5 GB papers.jsonl needs no more memory than a 100 MB one.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface OutputFloor {
  seconds: number;
  cpuSeconds: number;
  lines: number;
  /** Bytes written (equal to the file's size when the lines round-trip, which papers.jsonl's do). */
  bytes: number;
}

const CHUNK = 1 << 20;

export function outputFloor(papersJsonl: string, scratch = `${papersJsonl}.floor`): OutputFloor {
  const input = openSync(papersJsonl, 'r');
  const output = openSync(scratch, 'w');
  const read = Buffer.allocUnsafe(CHUNK);
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let rest = '';
  // a character cut by a read's end is completed by the next read
  const decoder = new StringDecoder('utf8');
  let lines = 0;
  let bytes = 0;
  let milliseconds = 0;
  let cpuMicros = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(output, chunk, done, used - done);
    bytes += used;
    used = 0;
  };
  try {
    for (let n = readSync(input, read); n > 0; n = readSync(input, read)) {
      const text = (rest + decoder.write(read.subarray(0, n))).split('\n');
      rest = text.pop() ?? '';
      const objects = text.filter(Boolean).map((line) => JSON.parse(line) as unknown);
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (const object of objects) {
        const line = `${JSON.stringify(object)}\n`;
        if (line.length * 3 > CHUNK - used) flush();
        if (line.length * 3 > CHUNK) {
          const buffer = Buffer.from(line, 'utf8');
          let done = 0;
          while (done < buffer.length) done += writeSync(output, buffer, done, buffer.length - done);
          bytes += buffer.length;
        } else used += chunk.write(line, used, 'utf8');
      }
      lines += objects.length;
      const spent = process.cpuUsage(cpu);
      cpuMicros += spent.user + spent.system;
      milliseconds += performance.now() - started;
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    flush();
    const spent = process.cpuUsage(cpu);
    cpuMicros += spent.user + spent.system;
    milliseconds += performance.now() - started;
  } finally {
    closeSync(input);
    closeSync(output);
    rmSync(scratch, { force: true });
  }
  rest += decoder.end();
  if (rest.trim()) throw new Error(`${papersJsonl}: the last line has no newline`);
  return { seconds: milliseconds / 1000, cpuSeconds: cpuMicros / 1e6, lines, bytes };
}
