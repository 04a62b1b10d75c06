// Times `analyze` over every shared paper list (strings only) and reports papers/second and memory.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../src/run.js';
import { DEFAULT_DEFINITIONS } from '../src/types.js';

export const PAPERLISTS_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'paperlists');

export async function benchAnalyze(): Promise<void> {
  const files = readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(PAPERLISTS_DIR, f));
  const out = mkdtempSync(join(tmpdir(), 'collabscope-bench-'));
  const started = performance.now();
  const { corpus } = await runAnalyze({ files, out: join(out, 'run'), pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true });
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  const papers = corpus.papers.length;
  console.log(`analyze: ${files.length} files, ${papers} papers in ${seconds.toFixed(2)} s = ${Math.round(papers / seconds)} papers/s (including resolver index build)`);
  console.log(`analyze: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
