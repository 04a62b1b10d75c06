// Times `analyze` over every shared paper list (strings only) and reports papers/second and memory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../src/run.js';
import { DEFAULT_DEFINITIONS } from '../src/types.js';
import { outputFloor, type OutputFloor } from './floors.js';

export const PAPERLISTS_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'paperlists');

/** The floor: read and JSON.parse every file, touch every author's affiliation text. CPU seconds. */
export function parseFloor(files: string[]): { seconds: number; cpuSeconds: number; touched: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let touched = 0;
  for (const file of files) {
    for (const record of JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[]) {
      for (const part of String(record.aff ?? '').split(';')) touched += part.trim().length;
    }
  }
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, touched };
}

export async function benchAnalyze(): Promise<void> {
  const files = readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(PAPERLISTS_DIR, f));
  const floor = parseFloor(files);
  console.log(`analyze: parse floor (read, JSON.parse, touch every affiliation): ${floor.seconds.toFixed(2)} s wall, ${floor.cpuSeconds.toFixed(2)} s CPU`);
  const cpuStart = process.cpuUsage();
  const out = mkdtempSync(join(tmpdir(), 'collabscope-bench-'));
  const started = performance.now();
  const { corpus } = await runAnalyze({ files, out: join(out, 'run'), pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // in this process, with the run's corpus still in memory: its collector's work can be charged to the floor (bench/scale.ts measures it in a process of its own)
  let output: OutputFloor;
  try {
    output = outputFloor(join(out, 'run', 'papers.jsonl'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const papers = corpus.papers.length;
  console.log(`analyze: ${files.length} files, ${papers} papers in ${seconds.toFixed(2)} s = ${Math.round(papers / seconds)} papers/s (including resolver index build)`);
  console.log(`analyze: ${cpuSeconds.toFixed(2)} s CPU = ${(cpuSeconds / floor.cpuSeconds).toFixed(1)}x the floor's CPU, ${(seconds / floor.seconds).toFixed(1)}x its wall (this process had the floor's files cached)`);
  const floorCpu = floor.cpuSeconds + output.cpuSeconds;
  console.log(
    `analyze: output floor (JSON.stringify and write of the run's ${(output.bytes / 1e6).toFixed(0)} MB papers.jsonl): ${output.seconds.toFixed(2)} s wall, ${output.cpuSeconds.toFixed(2)} s CPU;` +
      ` parse + output floor ${floorCpu.toFixed(2)} s CPU: ${(cpuSeconds / floorCpu).toFixed(1)}x`,
  );
  console.log(`analyze: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
