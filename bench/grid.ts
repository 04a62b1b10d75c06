// Times `grid` (every combination of the definitions) on the analyze run of every shared paper list:
// reading papers.jsonl, and the 768-combination tally on its own. The analyze itself is not timed here
// (bench/analyze.ts does that).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAnalyze } from '../src/run.js';
import { readPapers } from '../src/output.js';
import { computeGrid } from '../src/analyze/grid.js';
import { DEFAULT_DEFINITIONS } from '../src/types.js';
import { PAPERLISTS_DIR } from './analyze.js';

export async function benchGrid(): Promise<void> {
  const files = readdirSync(PAPERLISTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(PAPERLISTS_DIR, f));
  const out = mkdtempSync(join(tmpdir(), 'collabscope-bench-grid-'));
  const run = join(out, 'run');
  try {
    await runAnalyze({ files, out: run, pair: ['US', 'CN'], definitions: DEFAULT_DEFINITIONS, ignoreEmail: true });
    const read = performance.now();
    const papers = readPapers(run);
    const computed = performance.now();
    const rows = computeGrid(papers, ['US', 'CN']);
    const done = performance.now();
    const ms = (a: number, b: number) => ((b - a) / 1000).toFixed(2);
    console.log(`grid: ${files.length} files, ${papers.length} papers, ${rows.length} combinations`);
    console.log(`grid: read papers.jsonl ${ms(read, computed)} s + all combinations ${ms(computed, done)} s = ${ms(read, done)} s beyond the analyze`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
