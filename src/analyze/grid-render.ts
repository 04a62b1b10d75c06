// grid.csv and the terminal table of `collabscope grid` (src/analyze/grid.ts computes the rows).
import type { Definitions, HeadlineDefinition } from '../types.js';
import { DEFINITION_KEYS, type GridRow, type GridTarget } from './grid.js';
import { interval, pct } from './format.js';
import { table, wrap } from './render.js';
import { wilson } from './stats.js';

import { GRID_FILE } from '../defaults.js';
export { GRID_FILE };

/** One line per combination: the eight definitions, then the headline (and the target columns when given). */
export function gridCsv(rows: GridRow[], target?: GridTarget): string {
  const header = [...DEFINITION_KEYS, 'pair_papers', 'papers', 'share', 'ci95_low', 'ci95_high', ...(target ? ['distance', 'within_target_ci95'] : [])];
  const lines = rows.map((r) => [
    ...DEFINITION_KEYS.map((k) => r.definitions[k]),
    r.pairPapers,
    r.papers,
    r.share,
    r.ci95[0],
    r.ci95[1],
    ...(target ? [r.distance ?? '', r.withinTarget ? 'yes' : 'no'] : []),
  ]);
  return `${[header, ...lines].map((l) => l.join(',')).join('\n')}\n`;
}

const SHORT: { [K in HeadlineDefinition]: string } = {
  chinaScope: 'china',
  multinational: 'multin.',
  dualAffiliation: 'dual',
  affiliations: 'affil.',
  tracks: 'tracks',
  authors: 'authors',
  unlocated: 'unloc.',
  denominator: 'denom.',
};

export interface GridTextOptions {
  pair: readonly [string, string];
  /** The run's own definitions: their row is marked. */
  baseline?: Definitions;
  target?: GridTarget;
  /** Rows printed (all when absent). */
  limit?: number;
  /** Whether the papers have track information (without it, tracks=main rows repeat tracks=all). */
  hasTracks?: boolean;
}

export function renderGridText(rows: GridRow[], options: GridTextOptions): string {
  const label = `${options.pair[0]}-${options.pair[1]}`;
  const isBaseline = (d: Definitions) => options.baseline !== undefined && DEFINITION_KEYS.every((k) => d[k] === options.baseline?.[k]);
  const shown = options.limit ? rows.slice(0, options.limit) : rows;
  const header = [...DEFINITION_KEYS.map((k) => SHORT[k]), label, 'papers', 'share', '95% CI', ...(options.target ? ['distance', 'in CI'] : [])];
  const body = shown.map((r) => [
    ...DEFINITION_KEYS.map((k, i) => `${i === 0 && isBaseline(r.definitions) ? '*' : ''}${r.definitions[k]}`),
    String(r.pairPapers),
    String(r.papers),
    pct(r.share, 2),
    interval(r.ci95, 1),
    ...(options.target ? [pct(r.distance ?? 0, 2), r.withinTarget ? 'yes' : ''] : []),
  ]);
  const align = header.map((_, i) => (i < DEFINITION_KEYS.length ? 'l' : 'r')) as Array<'l' | 'r'>;
  const sortedBy = options.target ? `distance to ${options.target.count}/${options.target.total}` : 'share';
  const parts = [table(`${label} headline under every combination of the definitions (${rows.length}), sorted by ${sortedBy}`, header, body, align)];
  if (shown.length < rows.length) parts.push(`(${rows.length - shown.length} more rows in ${GRID_FILE})`);
  const shares = rows.map((r) => r.share);
  const lowest = rows.reduce((x, y) => (y.share < x.share ? y : x));
  const highest = rows.reduce((x, y) => (y.share > x.share ? y : x));
  parts.push(
    wrap(
      `Range: ${pct(Math.min(...shares), 2)} (${lowest.pairPapers}/${lowest.papers}) to ${pct(Math.max(...shares), 2)} (${highest.pairPapers}/${highest.papers}). ` +
        `'located' rows divide by papers with at least one located (counted) author, 'all' rows by every paper in the track scope.` +
        (options.baseline ? " * = the run's own definitions." : '') +
        (options.hasTracks === false ? ' The input has no track information: every tracks=main row repeats its tracks=all row.' : ''),
    ),
  );
  if (options.target) {
    const [low, high] = wilson(options.target.count, options.target.total);
    const inside = rows.filter((r) => r.withinTarget).length;
    parts.push(
      wrap(
        `Target ${options.target.count}/${options.target.total} = ${pct(options.target.count / options.target.total, 2)} (95% CI ${pct(low, 2)}-${pct(high, 2)}): ` +
          `${inside} of ${rows.length} combinations have a share inside that interval. Nearness is not proof that the other count used those definitions.`,
      ),
    );
  }
  return parts.join('\n');
}
