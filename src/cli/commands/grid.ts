import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CollabscopeError } from '../../errors.js';
import { parsePair } from '../../definitions.js';
import { print } from '../print.js';
import type { GridTarget } from '../../analyze/grid.js';
import { GRID_FILE } from '../../defaults.js';
import type { Definitions } from '../../types.js';

interface GridFlags {
  target?: string;
  pair?: string;
  limit?: string;
}

export function registerGrid(program: Command): void {
  program
    .command('grid')
    .summary('the headline under every combination of the definitions, from an analyze run')
    .description(
      'Count the pair papers, the denominator, the share and its 95% Wilson interval under every ' +
        'combination of the switchable definitions, from the resolved papers of an analyze run ' +
        `(papers.jsonl; nothing is resolved again). Writes ${GRID_FILE} into the run directory and prints the ` +
        'table sorted by share; --target ranks by distance to a published figure instead.',
    )
    .argument('<run-dir>', 'output directory of an analyze run')
    .option('--target <count/total>', 'a published figure, e.g. 134/4497: rank by distance, mark shares inside its 95% interval')
    .option('-p, --pair <a,b>', "the two countries (default: the run's pair)")
    .option('--limit <n>', 'print only the first n rows (the CSV has them all)')
    .action(async (dir: string, flags: GridFlags) => {
      const [{ isRunDir, readPapers, readSummary }, { computeGrid }, { gridCsv, renderGridText }] = await Promise.all([
        import('../../output.js'),
        import('../../analyze/grid.js'),
        import('../../analyze/grid-render.js'),
      ]);
      const summary = readSummary(dir);
      const pair = flags.pair ? parsePair(flags.pair) : runPair(summary);
      const target = flags.target ? parseTarget(flags.target) : undefined;
      const limit = flags.limit ? parseLimit(flags.limit) : undefined;
      const papers = readPapers(dir);
      const rows = computeGrid(papers, pair, target);
      const hasTracks = papers.some((p) => p.track?.trim());
      const file = join(dir, GRID_FILE);
      // grid.csv is ours in a run directory; elsewhere an existing file of that name may be the user's
      if (existsSync(file) && !isRunDir(dir)) {
        throw new CollabscopeError('E_BAD_ARGUMENT', `${file} exists and ${dir} is not marked as a collabscope run directory; not overwriting it`);
      }
      writeFileSync(file, gridCsv(rows, target));
      const baseline = summary.definitions as Definitions | undefined;
      print(`${renderGridText(rows, { pair, baseline, target, limit, hasTracks })}\nwrote ${file}\n`);
    });
}

function runPair(summary: Record<string, unknown>): [string, string] {
  const pair = summary.pair;
  if (Array.isArray(pair) && pair.length === 2) return parsePair(pair.join(','));
  return parsePair('US,CN');
}

export function parseTarget(text: string): GridTarget {
  const match = /^\s*([\d,]+)\s*\/\s*([\d,]+)\s*$/.exec(text);
  const count = match ? Number(match[1].replace(/,/g, '')) : NaN;
  const total = match ? Number(match[2].replace(/,/g, '')) : NaN;
  if (!Number.isInteger(count) || !Number.isInteger(total) || total <= 0 || count > total) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--target must be COUNT/TOTAL with 0 <= COUNT <= TOTAL, e.g. 134/4497 (got "${text}")`);
  }
  return { count, total };
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CollabscopeError('E_BAD_ARGUMENT', `--limit must be a whole number of at least 1 (got "${text}")`);
  return n;
}
