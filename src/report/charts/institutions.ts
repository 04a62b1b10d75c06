// 3. Leading institutions on each side of the pair: collaboration papers with the institution on its
// country's side (a paper counts once per institution).
import type { TopLevelSpec } from 'vega-lite';
import type { InstitutionRow } from '../../analyze/index.js';
import { cell, type Chart, type ChartInput } from './types.js';
import { COLORS, describeDefinitions, pairLabel, percent, papersText } from './theme.js';
import { emptySpec } from './empty.js';

/** The analytics' node key of an institution row (see institutionKey in src/analyze/context.ts). */
export function institutionRowKey(row: Pick<InstitutionRow, 'institution' | 'institutionId' | 'country'>): string {
  return row.institutionId ? `${row.institutionId}@${row.country}` : `name:${row.institution.trim().toLowerCase()}@${row.country}`;
}

export function institutionsChart({ summary }: ChartInput): Chart {
  const { institutions, definitions } = summary;
  const pair = institutions.pair;
  const label = pairLabel(pair);
  const colors = [COLORS.a, COLORS.b];
  // One scale for both sides, so that bars of equal length are equal counts.
  const maxPapers = Math.max(1, ...institutions.sides.flatMap((side) => side.rows.map((r) => r.papers)));
  const panel = (s: number): TopLevelSpec | null => {
    const side = institutions.sides[s];
    if (!side || side.rows.length === 0) return null;
    const values = side.rows.map((r) => ({
      institution: r.institution,
      papers: r.papers,
      share: percent(r.shareOfPairPapers),
      fractional: r.fractional,
      drill: { has: 'pair', sideInstitution: institutionRowKey(r) },
    }));
    const tooltip = [
      { field: 'institution', title: 'institution' },
      { field: 'papers', title: `${label} papers` },
      { field: 'share', title: `share of ${label} papers` },
      { field: 'fractional', title: 'fractional count', format: '.1f' },
    ];
    const y = { field: 'institution', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 250 } };
    const x = { field: 'papers', type: 'quantitative' as const, title: `${label} papers`, scale: { domain: [0, maxPapers] }, axis: { tickMinStep: 1, format: 'd' } };
    return {
      title: { text: `${side.country} side (${side.institutions} institutions)`, fontSize: 13, color: colors[s] },
      width: 210,
      height: { step: 18 },
      data: { values },
      encoding: { y, x },
      layer: [
        { mark: { type: 'bar', color: colors[s], cursor: 'pointer' }, encoding: { tooltip } },
        { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, cursor: 'pointer' }, encoding: { text: { field: 'papers' }, tooltip } },
      ],
    } as TopLevelSpec;
  };
  const panels = [panel(0), panel(1)].filter((p): p is TopLevelSpec => p !== null);
  const spec: TopLevelSpec =
    panels.length === 0 ? emptySpec(`No ${label} collaboration papers with a named institution.`) : ({ hconcat: panels, spacing: 30 } as TopLevelSpec);
  const caption = [
    `The institutions on most ${label} collaboration papers (${papersText(institutions.pairPapers)}), on each side of the pair, on one scale: a paper counts once for every institution of ${pair[0]} or ${pair[1]} among its authors' affiliations.`,
    definitions.dualAffiliation === 'ignore' ? `Authors affiliated in both countries are left out.` : '',
    describeDefinitions(definitions),
  ];
  return {
    id: 'institutions',
    title: `Leading institutions on ${label} collaboration papers`,
    caption: caption.filter(Boolean).join(' '),
    spec,
    table: {
      columns: [{ label: 'side' }, { label: 'institution' }, { label: `${label} papers`, numeric: true }, { label: 'fractional', numeric: true }, { label: 'share', numeric: true }],
      rows: institutions.sides.flatMap((side) =>
        side.rows.map((r) => [
          cell(side.country),
          cell(r.institution),
          cell(r.papers, { has: 'pair', sideInstitution: institutionRowKey(r) }),
          cell(r.fractional.toFixed(1)),
          cell(percent(r.shareOfPairPapers)),
        ]),
      ),
    },
  };
}
