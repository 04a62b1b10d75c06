// 4. Sector matrix: which kinds of institution meet across the border (a company of A with a
// university of B...). Each collaboration paper counts once for every sector combination it has.
import type { TopLevelSpec } from 'vega-lite';
import { cell, type Chart, type ChartInput } from './types.js';
import { describeDefinitions, pairLabel, percent, papersText } from './theme.js';
import { emptySpec } from './empty.js';

export function sectorsChart({ summary }: ChartInput): Chart {
  const { sectors, definitions } = summary;
  const [a, b] = sectors.pair;
  const label = pairLabel(sectors.pair);
  const matrix = sectors.overall;
  const used = (pick: (c: (typeof matrix.cells)[number]) => string) => sectors.sectors.filter((s) => matrix.cells.some((c) => pick(c) === s));
  const rowsA = used((c) => c.sectorA);
  const colsB = used((c) => c.sectorB);
  const byKey = new Map(matrix.cells.map((c) => [`${c.sectorA}\t${c.sectorB}`, c]));
  const max = Math.max(1, ...matrix.cells.map((c) => c.combinations));
  const values = rowsA.flatMap((sa) =>
    colsB.map((sb) => {
      const c = byKey.get(`${sa}\t${sb}`);
      const n = c?.combinations ?? 0;
      return {
        sectorA: sa,
        sectorB: sb,
        combinations: n,
        share: percent(c?.share ?? 0),
        papers: c?.papers ?? 0,
        dark: n > max * 0.55,
        drill: { has: 'pair', pairSectors: `${sa},${sb}` },
      };
    }),
  );
  const tooltip = [
    { field: 'sectorA', title: `${a} sector` },
    { field: 'sectorB', title: `${b} sector` },
    { field: 'combinations', title: `${label} papers with this combination` },
    { field: 'share', title: 'share of combinations' },
    { field: 'papers', title: 'fractional papers', format: '.1f' },
  ];
  const spec: TopLevelSpec =
    values.length === 0
      ? emptySpec(`No ${label} collaboration papers with a known sector on both sides.`)
      : {
          width: { step: 78 },
          height: { step: 36 },
          data: { values },
          encoding: {
            x: { field: 'sectorB', type: 'nominal', sort: colsB, title: `${b} sector`, axis: { orient: 'top', labelAngle: 0, domain: false, ticks: false } },
            y: { field: 'sectorA', type: 'nominal', sort: rowsA, title: `${a} sector`, axis: { domain: false, ticks: false } },
            tooltip,
          },
          layer: [
            {
              mark: { type: 'rect', stroke: 'white', strokeWidth: 2, cursor: 'pointer' },
              encoding: {
                color: {
                  field: 'combinations',
                  type: 'quantitative',
                  title: `${label} papers`,
                  scale: { scheme: 'blues', domain: [0, max] },
                  legend: { orient: 'right', direction: 'vertical', gradientLength: 120 },
                },
              },
            },
            {
              mark: { type: 'text', fontSize: 12, cursor: 'pointer' },
              encoding: {
                text: { field: 'combinations', type: 'quantitative' },
                color: { condition: { test: 'datum.dark', value: 'white' }, value: '#222' },
              },
            },
          ],
        };
  const caption = [
    `Sectors of the institutions that meet on ${label} collaboration papers: rows are the sector of a ${a} institution, columns the sector of a ${b} institution.`,
    `A paper counts once for every (${a} sector, ${b} sector) combination among its authors, so the ${papersText(matrix.pairPapers)} give ${matrix.combinations} combinations; "unknown" is an affiliation with no sector.`,
    describeDefinitions(definitions),
  ];
  return {
    id: 'sectors',
    title: `Sectors meeting across the ${label} border`,
    caption: caption.join(' '),
    spec,
    table: {
      columns: [{ label: `${a} sector` }, { label: `${b} sector` }, { label: `${label} papers`, numeric: true }, { label: 'share of combinations', numeric: true }, { label: 'fractional papers', numeric: true }],
      rows: matrix.cells.map((c) => [
        cell(c.sectorA),
        cell(c.sectorB),
        cell(c.combinations, { has: 'pair', pairSectors: `${c.sectorA},${c.sectorB}` }),
        cell(percent(c.share)),
        cell(c.papers.toFixed(1)),
      ]),
    },
  };
}
