// 7. Institution network of the pair's collaboration papers (static layout from network-layout.ts):
// circles sized by papers and coloured by side, lines for co-authorship, purple across the border.
import type { TopLevelSpec } from 'vega-lite';
import { cell, type Chart, type ChartInput } from './types.js';
import { COLORS, describeDefinitions, pairLabel, papersText } from './theme.js';
import { emptySpec } from './empty.js';

const ACROSS = '#7B3294';

export function networkChart({ summary, network }: ChartInput): Chart {
  const { definitions } = summary;
  const [a, b] = network.pair;
  const label = pairLabel(network.pair);
  const group = (side: string) => (side === 'A' ? `${a} institution` : side === 'B' ? `${b} institution` : 'other country');
  const groups = [group('A'), group('B'), group('other')];
  const nodes = network.nodes.map((n) => ({
    institution: n.institution,
    country: n.country ?? 'unknown',
    group: group(n.side),
    papers: n.papers,
    partners: n.partners,
    x: n.x,
    y: n.y,
    size: Math.PI * n.r * n.r,
    drill: { has: 'pair', institutionNode: n.key },
  }));
  const labels = network.nodes.filter((n) => n.label).map((n) => ({ ...n.label!, institution: n.institution, drill: { has: 'pair', institutionNode: n.key } }));
  const maxPapers = Math.max(1, ...network.links.map((l) => l.papers));
  const links = network.links.map((l) => ({
    ...l,
    width: Math.round((0.6 + 3.4 * Math.sqrt(l.papers / maxPapers)) * 10) / 10,
    kind: l.across ? `${a}–${b}` : 'other',
  }));
  const pos = (field: string, extent: number) => ({ field, type: 'quantitative' as const, scale: { domain: [0, extent], range: [0, extent], nice: false, zero: false }, axis: null });
  const tooltip = [
    { field: 'institution', title: 'institution' },
    { field: 'country', title: 'country' },
    { field: 'papers', title: `${label} papers` },
    { field: 'partners', title: 'co-authoring institutions shown' },
  ];
  // Each label twice: a white outline first, so that it stays readable over the lines it crosses.
  const labelLayer = (align: 'left' | 'right' | 'center', halo: boolean) => ({
    data: { values: labels.filter((l) => l.align === align) },
    mark: {
      type: 'text' as const,
      align,
      baseline: 'middle' as const,
      fontSize: 11,
      color: COLORS.text,
      cursor: 'pointer',
      ...(halo ? { stroke: 'white', strokeWidth: 3, strokeOpacity: 0.85, strokeJoin: 'round' as const } : {}),
    },
    encoding: { x: pos('x', network.width), y: pos('y', network.height), text: { field: 'text' }, tooltip: [{ field: 'institution', title: 'institution' }] },
  });
  const spec: TopLevelSpec =
    nodes.length === 0
      ? emptySpec(`No ${label} collaboration papers with a named institution.`)
      : ({
          width: network.width,
          height: network.height,
          layer: [
            {
              data: { values: links },
              mark: { type: 'rule', strokeCap: 'round' },
              encoding: {
                x: pos('x', network.width),
                y: pos('y', network.height),
                x2: { field: 'x2' },
                y2: { field: 'y2' },
                strokeWidth: { field: 'width', type: 'quantitative', scale: null },
                color: { condition: { test: 'datum.across', value: ACROSS }, value: '#b5b5b5' },
                opacity: { condition: { test: 'datum.across', value: 0.55 }, value: 0.5 },
                tooltip: [
                  { field: 'sourceName', title: 'institution' },
                  { field: 'targetName', title: 'and' },
                  { field: 'papers', title: `${label} papers together` },
                ],
              },
            },
            {
              data: { values: nodes },
              mark: { type: 'circle', opacity: 0.9, stroke: 'white', strokeWidth: 1, cursor: 'pointer' },
              encoding: {
                x: pos('x', network.width),
                y: pos('y', network.height),
                size: { field: 'size', type: 'quantitative', scale: null },
                color: { field: 'group', type: 'nominal', title: null, scale: { domain: groups, range: [COLORS.a, COLORS.b, COLORS.other] } },
                tooltip,
              },
            },
            ...(['left', 'right', 'center'] as const).flatMap((align) => [labelLayer(align, true), labelLayer(align, false)]),
          ],
        } as TopLevelSpec);
  const caption = [
    `Institutions on ${label} collaboration papers (${papersText(network.pairPapers)}): the ${network.nodes.length} with the most papers of ${network.institutions}, sized by papers and coloured by country.`,
    `A line joins two institutions that co-authored at least one of these papers (thicker: more papers; purple: between a ${a} and a ${b} institution). Layout: ForceAtlas2, from a fixed start; only closeness of connected institutions carries meaning, not the axes. Institutions without a label where space ran out are named in the table and on hover.`,
    // Homophily against random mixing (analyze/network-mixing.ts); absent from summaries written before it.
    summary.network?.nationalLines ?? '',
    describeDefinitions(definitions),
  ];
  return {
    id: 'network',
    title: `Institution network of ${label} collaboration`,
    caption: caption.filter(Boolean).join(' '),
    spec,
    table: {
      columns: [{ label: 'institution' }, { label: 'country' }, { label: `${label} papers`, numeric: true }, { label: 'co-authoring institutions shown', numeric: true }],
      rows: network.nodes.map((n) => [cell(n.institution), cell(n.country ?? 'unknown'), cell(n.papers, { has: 'pair', institutionNode: n.key }), cell(n.partners)]),
    },
  };
}
