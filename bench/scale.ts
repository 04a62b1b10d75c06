// Cost growth: analyze the real lists, then corpora of 100k and 1M papers generated from them
// (ids and titles varied), each in its own process; prints papers/s and peak memory per size.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PAPERLISTS_DIR } from './analyze.js';

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

function analyzeInChild(files: string[], out: string): { seconds: number; papers: number; maxRssMb: number; cacheHitRate: number } {
  const script = `
    const { runAnalyze } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src', 'run.ts'))});
    const { DEFAULT_DEFINITIONS } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src', 'types.ts'))});
    const started = performance.now();
    const { corpus, resolverStats } = await runAnalyze({ files: ${JSON.stringify(files)}, out: ${JSON.stringify(out)}, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true });
    const seconds = (performance.now() - started) / 1000;
    const lookups = resolverStats.cacheHits + resolverStats.cacheMisses;
    console.log(JSON.stringify({ seconds, papers: corpus.papers.length, maxRssMb: process.resourceUsage().maxRSS / 1024, cacheHitRate: lookups ? resolverStats.cacheHits / lookups : 0 }));
  `;
  const child = spawnSync(process.execPath, ['--max-old-space-size=3800', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`analyze failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

export async function benchScale(sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'collabscope-scale-'));
  try {
    const rows = baseRows();
    const realFiles = readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(PAPERLISTS_DIR, f));
    const report = (label: string, r: ReturnType<typeof analyzeInChild>) =>
      console.log(`scale: ${label.padEnd(22)} ${String(r.papers).padStart(8)} papers  ${r.seconds.toFixed(1).padStart(7)} s  ${String(Math.round(r.papers / r.seconds)).padStart(6)} papers/s  peak RSS ${Math.round(r.maxRssMb)} MB  resolver cache hits ${(r.cacheHitRate * 100).toFixed(1)}%`);
    report('shared lists', analyzeInChild(realFiles, join(dir, 'out-real')));
    for (const size of sizes) {
      const file = join(dir, `scaled${size}.jsonl`);
      await writeCorpus(file, rows, size);
      report(`generated ${size}`, analyzeInChild([file], join(dir, `out-${size}`)));
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
