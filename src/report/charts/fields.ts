// 2. Field lift: for each primary research field, the field's share among the pair's collaboration
// papers divided by its share among all in-scope papers (1 = as common as overall), with the 95%
// interval of the collaboration share carried over to the ratio.
import type { TopLevelSpec } from 'vega-lite';
import { cell, type Chart, type ChartInput } from './types.js';
import { COLORS, describeDefinitions, fixed, interval, pairLabel, percent, pValue, papersText } from './theme.js';
import { emptySpec } from './empty.js';

/** Lifts above this are drawn at the edge with an arrow (small fields have very wide intervals). */
export const LIFT_CAP = 4;

const NO_FIELD = '(none)';

export function fieldsChart({ summary }: ChartInput): Chart {
  const { fields, definitions } = summary;
  const table = fields.primary;
  const label = pairLabel(fields.pair);
  const fieldDrill = (field: string) => (field === NO_FIELD ? 'none' : field);
  const rows = table.rows
    .filter((r) => r.lift !== null && r.allShare > 0)
    .map((r) => {
      const low = r.pairCi95[0] / r.allShare;
      const high = r.pairCi95[1] / r.allShare;
      return {
        field: `${r.field} (${r.pairPapers})`,
        name: r.field,
        lift: Math.min(r.lift!, LIFT_CAP),
        liftText: fixed(r.lift, 2),
        low: Math.min(low, LIFT_CAP),
        high: Math.min(high, LIFT_CAP),
        cut: high > LIFT_CAP ? LIFT_CAP : null,
        pairPapers: r.pairPapers,
        allPapers: r.allPapers,
        pairShare: percent(r.pairShare),
        allShare: percent(r.allShare),
        pHolm: pValue(r.pHolm),
        direction: r.direction === 'over' ? 'over-represented' : r.direction === 'under' ? 'under-represented' : 'not significant',
        drill: { has: 'pair', primaryField: fieldDrill(r.field) },
      };
    })
    .sort((a, b) => b.lift - a.lift || (a.name < b.name ? -1 : 1));
  const tooltip = [
    { field: 'name', title: 'field' },
    { field: 'liftText', title: 'lift' },
    { field: 'pairShare', title: `share of ${label} papers` },
    { field: 'allShare', title: 'share of all papers' },
    { field: 'pairPapers', title: `${label} papers` },
    { field: 'allPapers', title: 'all papers' },
    { field: 'pHolm', title: 'Holm-adjusted p' },
  ];
  const y = { field: 'field', type: 'nominal' as const, sort: null, title: `primary field (${label} papers)`, axis: { labelLimit: 260 } };
  const color = {
    field: 'direction',
    type: 'nominal' as const,
    title: `${table.test === 'cmh' ? 'CMH test by venue-year' : 'Fisher test'}, Holm-adjusted p < 0.05`,
    legend: { titleLimit: 400 },
    scale: { domain: ['over-represented', 'under-represented', 'not significant'], range: [COLORS.over, COLORS.under, COLORS.none] },
  };
  const x = { type: 'quantitative' as const, title: `lift (share among ${label} papers ÷ share among all papers)`, scale: { domain: [0, LIFT_CAP], nice: false }, axis: { values: Array.from({ length: LIFT_CAP * 2 + 1 }, (_, i) => i / 2) } };
  const spec: TopLevelSpec =
    rows.length === 0 || table.pairPapers === 0
      ? emptySpec(`No ${label} collaboration papers: no field lift to show.`)
      : {
          width: 520,
          height: { step: 20 },
          data: { values: rows },
          layer: [
            { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { x: { field: 'one', ...x } } },
            { mark: { type: 'rule', strokeWidth: 2, cursor: 'pointer' }, encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' }, color, tooltip } },
            { mark: { type: 'point', filled: true, size: 70, opacity: 1, cursor: 'pointer' }, encoding: { y, x: { field: 'lift', ...x }, color, tooltip } },
            {
              transform: [{ filter: 'datum.cut !== null' }],
              mark: { type: 'point', shape: 'triangle-right', filled: true, size: 50, opacity: 1 },
              encoding: { y, x: { field: 'cut', ...x }, color, tooltip },
            },
          ],
        };
  const caption = [
    `Lift of each primary research field among ${label} collaboration papers: the field's share of ${label} papers divided by its share of all in-scope papers (${table.pairPapers} and ${papersText(table.allPapers)}).`,
    `1 (dashed) = as common as overall; lines are the 95% Wilson interval of the ${label} share divided by the overall share; the number after each field counts its ${label} papers.`,
    `Intervals reaching beyond ${LIFT_CAP}× end in an arrow. Coloured: the difference is significant after Holm's correction over ${table.rows.length} fields (${table.test === 'cmh' ? `Cochran-Mantel-Haenszel test stratified by the ${table.strata} venue-years` : "Fisher's exact test"}).`,
    describeDefinitions(definitions),
  ];
  return {
    id: 'fields',
    title: `Research fields over- and under-represented in ${label} collaboration`,
    caption: caption.filter(Boolean).join(' '),
    spec,
    table: {
      columns: [
        { label: 'primary field' },
        { label: 'all papers', numeric: true },
        { label: 'share', numeric: true },
        { label: `${label} papers`, numeric: true },
        { label: 'share', numeric: true },
        { label: '95% interval', numeric: true },
        { label: 'lift', numeric: true },
        { label: 'Holm p', numeric: true },
      ],
      rows: table.rows.map((r) => [
        cell(r.field),
        cell(r.allPapers, { scope: 'in', primaryField: fieldDrill(r.field) }),
        cell(percent(r.allShare)),
        cell(r.pairPapers, { has: 'pair', primaryField: fieldDrill(r.field) }),
        cell(percent(r.pairShare)),
        cell(interval(r.pairCi95)),
        cell(fixed(r.lift)),
        cell(pValue(r.pHolm)),
      ]),
    },
  };
}
