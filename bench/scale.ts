// Cost growth: analyze the real lists, then generated corpora of 100k and 1M papers, each in its own
// process; prints papers/s, peak memory and the resolver's cache hit rate per size, and the ratio to the
// parse floor (reading and parsing the same file, touching every affiliation) measured just before.
// Two kinds of corpus (BENCH_CORPUS=growing|repeated|both, default both):
//   growing   vocabulary, authors and co-authorship network grow with size (bench/growing.ts)
//   repeated  the shared lists over and over (ids and titles varied): the resolver's cache answers most
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PAPERLISTS_DIR } from './analyze.js';
import { writeGrowingCorpus } from './growing.js';
import type { OutputFloor } from './floors.js';

const LABEL_FIELD = /^aff_(unique|country|campus)_/;

/** The shared records as wide JSONL rows (label fields dropped), with venue and year from the file. */
function baseRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const file of readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const [, prefix, year] = /^([a-z]+)(\d{4})/.exec(file) ?? [];
    for (const record of JSON.parse(readFileSync(join(PAPERLISTS_DIR, file), 'utf8')) as Record<string, unknown>[]) {
      const kept = Object.fromEntries(Object.entries(record).filter(([k]) => !LABEL_FIELD.test(k)));
      if (!kept.author) continue;
      rows.push({
        id: kept.id ?? kept.pid ?? null,
        title: kept.title,
        venue: prefix.toUpperCase(),
        year: Number(year),
        abstract: kept.abstract ?? null,
        track: kept.track ?? null,
        keywords: kept.keywords ?? null,
        authors: kept.author,
        affiliations: kept.aff ?? '',
      });
    }
  }
  return rows;
}

async function writeCorpus(path: string, rows: Record<string, unknown>[], size: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < size; i++) {
    const base = rows[i % rows.length];
    const variant = Math.floor(i / rows.length);
    const line = JSON.stringify({ ...base, id: `${base.id ?? 'x'}-${i}`, title: variant ? `${base.title} (variant ${variant})` : base.title });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  papers: number;
  maxRssMb: number;
  cacheHitRate: number;
  /** The floor's count of affiliation characters read (so that the touching is not optimised away). */
  touched?: number;
}

function runChild<T = ChildResult>(script: string): T {
  const child = spawnSync(process.execPath, ['--max-old-space-size=3800', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

const MEASURE_END = `
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;`;

/** BENCH_WORKERS: 1 (all in one thread), classify, a number of pool workers, or auto (the default, as analyze). */
const BENCH_WORKERS: number | string = ((v) => (v === undefined ? 'auto' : /^\d+$/.test(v) ? Number(v) : v))(process.env.BENCH_WORKERS);

function analyzeInChild(files: string[], out: string): ChildResult {
  return runChild(`
    const { runAnalyze } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src', 'run.ts'))});
    const { DEFAULT_DEFINITIONS } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src', 'types.ts'))});
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const { corpus, resolverStats } = await runAnalyze({ files: ${JSON.stringify(files)}, out: ${JSON.stringify(out)}, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true, workers: ${JSON.stringify(BENCH_WORKERS)}, leanPapers: true });
    ${MEASURE_END}
    const lookups = resolverStats.cacheHits + resolverStats.cacheMisses;
    console.log(JSON.stringify({ seconds, cpuSeconds, papers: corpus.papers.length, maxRssMb: process.resourceUsage().maxRSS / 1024, cacheHitRate: lookups ? resolverStats.cacheHits / lookups : 0 }));
  `);
}

/** The parse floor (bench/floors.ts) of the JSONL file, in a process of its own. */
function floorInChild(file: string): ChildResult {
  return runChild(`
    const { parseFloor } = await import(${JSON.stringify(join(import.meta.dirname, 'floors.ts'))});
    const floor = parseFloor(${JSON.stringify(file)});
    console.log(JSON.stringify({ ...floor, maxRssMb: process.resourceUsage().maxRSS / 1024, cacheHitRate: 0 }));
  `);
}

/** The output floor (bench/floors.ts) of a run's papers.jsonl, in a process of its own. */
function outputFloorInChild(papersJsonl: string): OutputFloor {
  return runChild<OutputFloor>(`
    const { outputFloor } = await import(${JSON.stringify(join(import.meta.dirname, 'floors.ts'))});
    console.log(JSON.stringify(outputFloor(${JSON.stringify(papersJsonl)})));
  `);
}

export async function benchScale(sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)): Promise<void> {
  const kinds = (process.env.BENCH_CORPUS ?? 'both') === 'both' ? ['growing', 'repeated'] : [process.env.BENCH_CORPUS!];
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-scale-'));
  try {
    const realFiles = existsSync(PAPERLISTS_DIR) ? readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(PAPERLISTS_DIR, f)) : [];
    const report = (label: string, r: ChildResult, floor?: ChildResult) =>
      console.log(
        `scale: ${label.padEnd(20)} ${String(r.papers).padStart(8)} papers  ${r.seconds.toFixed(1).padStart(6)} s wall  ${r.cpuSeconds.toFixed(1).padStart(6)} s CPU  ${String(Math.round(r.papers / r.seconds)).padStart(6)} papers/s  peak RSS ${Math.round(r.maxRssMb)} MB  resolver cache hits ${(r.cacheHitRate * 100).toFixed(1)}%` +
          (floor ? `  | floor ${floor.seconds.toFixed(1)} s wall ${floor.cpuSeconds.toFixed(1)} s CPU: ${(r.seconds / floor.seconds).toFixed(1)}x wall, ${(r.cpuSeconds / floor.cpuSeconds).toFixed(1)}x CPU` : ''),
      );
    const reportOutputFloor = (r: ChildResult, parse: ChildResult, output: OutputFloor) => {
      const wall = parse.seconds + output.seconds;
      const cpu = parse.cpuSeconds + output.cpuSeconds;
      console.log(
        `scale: ${''.padEnd(20)} output floor (JSON.stringify and write of the run's ${(output.bytes / 1e6).toFixed(0)} MB papers.jsonl) ${output.seconds.toFixed(1)} s wall ${output.cpuSeconds.toFixed(1)} s CPU` +
          ` | parse + output floor ${wall.toFixed(1)} s wall ${cpu.toFixed(1)} s CPU: ${(r.seconds / wall).toFixed(1)}x wall, ${(r.cpuSeconds / cpu).toFixed(1)}x CPU`,
      );
    };
    console.log(`scale: workers ${BENCH_WORKERS} (BENCH_WORKERS; auto picks by input size and cores, as analyze does)`);
    if (realFiles.length) report('shared lists', analyzeInChild(realFiles, join(dir, 'out-real')));
    const rows = kinds.includes('repeated') && realFiles.length ? baseRows() : [];
    for (const size of sizes) {
      for (const kind of kinds) {
        if (kind === 'repeated' && rows.length === 0) continue;
        const file = join(dir, `${kind}${size}.jsonl`);
        if (kind === 'growing') {
          const stats = await writeGrowingCorpus(file, size);
          console.log(`scale: growing ${size}: ${stats.distinctAffiliations} distinct affiliation strings, ${stats.authors} authors`);
        } else await writeCorpus(file, rows, size);
        const floor = floorInChild(file);
        const out = join(dir, `out-${kind}-${size}`);
        const run = analyzeInChild([file], out);
        report(`${kind} ${size}`, run, floor);
        reportOutputFloor(run, floor, outputFloorInChild(join(out, 'papers.jsonl')));
        rmSync(file, { force: true });
        rmSync(out, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
