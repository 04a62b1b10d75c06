// 6. Definition sensitivity: the headline share with each switchable definition flipped in turn,
// against the baseline (the definitions in force). Drawn as intervals; the table beside it has the counts.
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityRow } from '../../analyze/index.js';
import type { Definitions } from '../../types.js';
import { cell, type Chart, type ChartInput, type Drill } from './types.js';
import { COLORS, DEFINITION_LABELS, definitionFlag, definitionText, describeDefinitions, interval, pairLabel, percent, signed, papersText } from './theme.js';
import { emptySpec } from './empty.js';

const PLOT_WIDTH = 400;

export function variantLabel(row: Pick<SensitivityRow, 'definition' | 'definitions'>): string {
  if (row.definition === 'baseline') return 'baseline (definitions in force)';
  const key = row.definition;
  const entry = DEFINITION_LABELS[key] as { label: string; values: Record<string, string> };
  return `${entry.label}: ${entry.values[row.definitions[key]] ?? row.definitions[key]}`;
}

/** What a row's switched definition means, and the flag that sets it. */
export function variantNote(row: Pick<SensitivityRow, 'definition' | 'definitions'>): { note: string; flag?: string } {
  if (row.definition === 'baseline') return { note: 'every definition as in force (listed under the chart)' };
  const key = row.definition;
  return { note: definitionText(key, row.definitions[key]), flag: definitionFlag(key, row.definitions[key]) };
}

/** Query parameters that select the definitions of a row. */
export function definitionsDrill(definitions: Definitions): Drill {
  return { ...definitions };
}

export function sensitivityChart({ summary }: ChartInput): Chart {
  const { sensitivity, definitions } = summary;
  const label = pairLabel(sensitivity.pair);
  const baseline = sensitivity.rows.find((r) => r.definition === 'baseline');
  const values = sensitivity.rows.map((r) => ({
    variant: variantLabel(r),
    baseline: r.definition === 'baseline',
    share: r.share,
    low: r.ci95[0],
    high: r.ci95[1],
    pairPapers: r.pairPapers,
    papers: r.papers,
    interval: interval(r.ci95),
    change: r.definition === 'baseline' ? papersText(r.pairPapers) : r.note ? `${papersText(r.pairPapers)} (${r.note})` : `${papersText(r.pairPapers)} (${signed(r.deltaPapers)})`,
    drill: { ...definitionsDrill(r.definitions), has: 'pair' },
  }));
  const tooltip = [
    { field: 'variant', title: 'definitions' },
    { field: 'pairPapers', title: `${label} papers` },
    { field: 'papers', title: 'in-scope papers' },
    { field: 'share', title: 'share', format: '.2%' },
    { field: 'interval', title: '95% interval' },
  ];
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: `share of in-scope papers that are ${label} collaborations`, axis: { format: '.1%', tickCount: 6 }, scale: { zero: true } });
  const color = { condition: { test: 'datum.baseline', value: COLORS.text }, value: COLORS.a };
  const y = { field: 'variant', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 280 } };
  const spec: TopLevelSpec =
    values.length === 0 || !baseline
      ? emptySpec('No sensitivity table in this summary.')
      : {
          width: PLOT_WIDTH,
          height: { step: 26 },
          data: { values },
          layer: [
            { data: { values: [{ share: baseline.share }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#777' }, encoding: { x: x('share') } },
            { mark: { type: 'rule', strokeWidth: 2, cursor: 'pointer' }, encoding: { y, x: x('low'), x2: { field: 'high' }, color, tooltip } },
            { mark: { type: 'point', filled: true, size: 70, opacity: 1, cursor: 'pointer' }, encoding: { y, x: x('share'), color, tooltip } },
            // The counts in a column right of the plot, clear of the intervals and the baseline.
            { mark: { type: 'text', align: 'left', fontSize: 11, cursor: 'pointer' }, encoding: { y, x: { value: PLOT_WIDTH + 12 }, text: { field: 'change' }, tooltip } },
          ],
        };
  const range = sensitivity.range;
  const caption = [
    `How the headline moves when one definition at a time is switched from the baseline: ${label} collaboration papers and their share of in-scope papers, with 95% Wilson intervals; the dashed line is the baseline share.`,
    `Across these variants the count ranges from ${range.minPapers} to ${papersText(range.maxPapers)} and the share from ${percent(range.minShare, 2)} to ${percent(range.maxShare, 2)}.`,
    `Baseline: ${describeDefinitions(definitions).replace(/^Definitions: /, '')}`,
  ];
  return {
    id: 'sensitivity',
    title: `Sensitivity of the ${label} count to the definitions`,
    caption: caption.join(' '),
    spec,
    table: {
      columns: [
        { label: 'definitions', note: 'the baseline, then one switched at a time' },
        { label: 'in-scope papers', numeric: true, note: 'the denominator' },
        { label: `${label} papers`, numeric: true, note: 'collaboration papers' },
        { label: 'share', numeric: true, note: `${label} ÷ in-scope` },
        { label: '95% interval', numeric: true, note: 'Wilson, of the share' },
        { label: 'change in papers', numeric: true, note: `${label} papers vs baseline` },
        { label: 'change in share', numeric: true, note: 'percentage points vs baseline' },
        { label: 'relative change', numeric: true, note: 'change ÷ baseline papers' },
      ],
      rows: sensitivity.rows.map((r) => [
        { ...cell(variantLabel(r)), ...variantNote(r) },
        cell(r.papers, { ...definitionsDrill(r.definitions), scope: 'in' }),
        cell(r.pairPapers, { ...definitionsDrill(r.definitions), has: 'pair' }),
        cell(percent(r.share, 2)),
        cell(interval(r.ci95, 2)),
        cell(r.definition === 'baseline' ? '–' : (r.note ?? signed(r.deltaPapers))),
        cell(r.definition === 'baseline' || r.note ? '–' : `${signed(r.deltaShare * 100, 2)} pp`),
        cell(r.relativeChange === null || r.definition === 'baseline' || r.note ? '–' : `${signed(r.relativeChange * 100, 1)}%`),
      ]),
    },
  };
}
