// 5. Technology flow: for the most used technologies, the papers using them, and those with authors
// in each country of the pair; labelled with the technology's country of origin.
import type { TopLevelSpec } from 'vega-lite';
import { cell, type Chart, type ChartInput } from './types.js';
import { COLORS, describeDefinitions, pairLabel, papersText, countryProse } from './theme.js';
import { emptySpec } from './empty.js';

export const TECHNOLOGIES_SHOWN = 12;

export function techFlowChart({ summary }: ChartInput): Chart {
  const { techFlow, definitions } = summary;
  const [a, b] = summary.pair;
  const label = pairLabel(summary.pair);
  const detected = techFlow.technologies.filter((t) => t.papers > 0);
  const top = detected.slice(0, TECHNOLOGIES_SHOWN);
  const measures = ['all papers', `with ${a} authors`, `with ${b} authors`];
  const values = top.flatMap((t) => {
    const name = `${t.name} · from ${t.origin.country}`;
    const base = { technology: name, origin: `${t.origin.organization} (${t.origin.country})` };
    return [
      { ...base, measure: measures[0], papers: t.papers, drill: { technology: t.id } },
      { ...base, measure: measures[1], papers: t.papersByCountry[a] ?? 0, drill: { technology: t.id, country: a } },
      { ...base, measure: measures[2], papers: t.papersByCountry[b] ?? 0, drill: { technology: t.id, country: b } },
    ];
  });
  const flow = (from: string, to: string) => techFlow.flows.find((f) => f.from === from && f.to === to)?.papers ?? 0;
  const tooltip = [
    { field: 'technology', title: 'technology' },
    { field: 'origin', title: 'released by' },
    { field: 'measure', title: 'papers' },
    { field: 'papers', title: 'count' },
  ];
  const spec: TopLevelSpec =
    values.length === 0
      ? emptySpec('No known technology was detected in these papers.')
      : {
          width: 460,
          height: { step: 9 },
          data: { values },
          encoding: {
            y: { field: 'technology', type: 'nominal', sort: null, title: null, axis: { labelLimit: 300 } },
            yOffset: { field: 'measure', sort: measures },
            x: { field: 'papers', type: 'quantitative', title: 'papers using the technology', axis: { tickMinStep: 1, format: 'd' } },
            color: { field: 'measure', type: 'nominal', sort: measures, title: null, scale: { domain: measures, range: [COLORS.other, COLORS.a, COLORS.b] } },
            tooltip,
          },
          layer: [
            { mark: { type: 'bar', cursor: 'pointer' } },
            { mark: { type: 'text', align: 'left', dx: 3, fontSize: 9, color: COLORS.text, cursor: 'pointer' }, encoding: { text: { field: 'papers' }, color: { value: COLORS.text } } },
          ],
        };
  const caption = [
    `The ${top.length} most used of ${detected.length} technologies detected (of ${techFlow.technologies.length} tracked) in the papers' titles, abstracts and keywords, each labelled with the country where it was released: papers using it, and those among them with at least one author affiliated in ${countryProse(a)} and in ${countryProse(b)} (a paper with authors in both counts in both).`,
    `Across the border: ${papersText(flow(a, b))} with ${b} authors use a technology from ${a}; ${papersText(flow(b, a))} with ${a} authors use a technology from ${b}.`,
    definitions.tracks === 'main' ? 'Counts cover all tracks.' : '',
    describeDefinitions(definitions),
  ];
  return {
    id: 'techflow',
    title: `Technologies crossing the ${label} border`,
    caption: caption.filter(Boolean).join(' '),
    spec,
    table: {
      columns: [
        { label: 'technology' },
        { label: 'released by' },
        { label: 'papers', numeric: true },
        { label: `with ${a} authors`, numeric: true },
        { label: `with ${b} authors`, numeric: true },
      ],
      rows: techFlow.technologies.map((t) => [
        cell(t.name),
        cell(`${t.origin.organization} (${t.origin.country})`),
        cell(t.papers, { technology: t.id }),
        cell(t.papersByCountry[a] ?? 0, { technology: t.id, country: a }),
        cell(t.papersByCountry[b] ?? 0, { technology: t.id, country: b }),
      ]),
    },
  };
}
