// 7. Institution network of the pair's collaboration papers (static layout from network-layout.ts):
// circles sized by papers and coloured by country, thin lines for each institution's strongest ties
// (purple across the pair's border), a ring and a bold label on the pair's leading bridges, and a
// legend for colour, size, lines and rings.
import type { TopLevelSpec } from 'vega-lite';
import { cell, type Chart, type ChartInput } from './types.js';
import { COLORS, describeDefinitions, pairLabel, papersText } from './theme.js';
import { emptySpec } from './empty.js';
import { LABEL_FONT } from './network-labels.js';
import { sizeRange, type NetworkLayout } from './network-layout.js';

const ACROSS = '#7B3294';
/** Okabe-Ito colours left after the pair's two, for the countries with most institutions after them. */
const OTHER_COUNTRY_COLORS = ['#009E73', '#CC79A7', '#56B4E9', '#E69F00'];
const BRIDGE_RING = '#111111';

/** Legend groups: the pair's countries, then up to four more by institutions drawn (at least two each), then "other". */
export function countryGroups(network: Pick<NetworkLayout, 'pair' | 'nodes'>): { of: (country: string | null) => string; domain: string[]; range: string[] } {
  const [a, b] = network.pair;
  const counts = new Map<string, number>();
  for (const n of network.nodes) if (n.country && n.country !== a && n.country !== b) counts.set(n.country, (counts.get(n.country) ?? 0) + 1);
  const others = [...counts]
    .filter(([, n]) => n >= 2)
    .sort(([x, m], [y, n]) => n - m || (x < y ? -1 : 1))
    .slice(0, OTHER_COUNTRY_COLORS.length)
    .map(([country]) => country);
  const named = new Set([a, b, ...others]);
  const hasRest = network.nodes.some((n) => !n.country || !named.has(n.country));
  const domain = [a, b, ...others, ...(hasRest ? ['other or unknown'] : [])];
  const range = [COLORS.a, COLORS.b, ...OTHER_COUNTRY_COLORS.slice(0, others.length), ...(hasRest ? [COLORS.other] : [])];
  return { of: (country) => (country && named.has(country) ? country : 'other or unknown'), domain, range };
}

export function networkChart({ summary, network }: ChartInput): Chart {
  const { definitions } = summary;
  const [a, b] = network.pair;
  const label = pairLabel(network.pair);
  const groups = countryGroups(network);
  const bridgeText = `ring: one of the ${label} bridges`;
  const nodes = network.nodes.map((n) => ({
    institution: n.institution,
    country: n.country ?? 'unknown',
    group: groups.of(n.country),
    papers: n.papers,
    partners: n.partners,
    bridge: n.bridge === null ? 'no' : `#${n.bridge}`,
    x: n.x,
    y: n.y,
    drill: { has: 'pair', institutionNode: n.key },
  }));
  const rings = network.nodes.filter((n) => n.bridge !== null).map((n) => ({ x: n.x, y: n.y, size: Math.PI * (n.r + 3) ** 2, role: bridgeText, institution: n.institution }));
  const labels = network.nodes
    .filter((n) => n.label)
    .map((n) => ({ ...n.label!, institution: n.institution, bold: n.bridge !== null, drill: { has: 'pair', institutionNode: n.key } }));
  const maxTie = Math.max(1, ...network.links.map((l) => l.papers));
  const tieKinds = [`${a}–${b} tie`, 'other tie'];
  const links = network.links.map((l) => ({
    ...l,
    width: Math.round((0.5 + 2 * Math.sqrt(l.papers / maxTie)) * 10) / 10,
    kind: l.across ? tieKinds[0] : tieKinds[1],
  }));
  const pos = (field: string, extent: number) => ({ field, type: 'quantitative' as const, scale: { domain: [0, extent], range: [0, extent], nice: false, zero: false }, axis: null });
  const xy = { x: pos('x', network.width), y: pos('y', network.height) };
  const tooltip = [
    { field: 'institution', title: 'institution' },
    { field: 'country', title: 'country' },
    { field: 'papers', title: `${label} papers` },
    { field: 'partners', title: 'co-authoring institutions shown' },
    { field: 'bridge', title: `rank among ${label} bridges` },
  ];
  // Each label twice: a white outline first, so that it stays readable over the lines it crosses.
  const labelLayer = (align: 'left' | 'right' | 'center', bold: boolean, halo: boolean) => ({
    data: { values: labels.filter((l) => l.align === align && l.bold === bold) },
    mark: {
      type: 'text' as const,
      align,
      baseline: 'middle' as const,
      fontSize: LABEL_FONT,
      fontWeight: bold ? ('bold' as const) : ('normal' as const),
      color: COLORS.text,
      cursor: 'pointer',
      ...(halo ? { stroke: 'white', strokeWidth: 3, strokeOpacity: 0.9, strokeJoin: 'round' as const } : {}),
    },
    encoding: { ...xy, text: { field: 'text' }, tooltip: [{ field: 'institution', title: 'institution' }] },
  });
  const legend = (title: string | null, extra: object = {}) => ({ title, orient: 'bottom' as const, direction: 'horizontal' as const, ...extra });
  const [minArea, maxArea] = sizeRange();
  const spec: TopLevelSpec =
    nodes.length === 0
      ? emptySpec(`No ${label} collaboration papers with a named institution.`)
      : ({
          width: network.width,
          height: network.height,
          resolve: { scale: { stroke: 'independent', size: 'independent' }, legend: { stroke: 'independent', size: 'independent' } },
          layer: [
            {
              data: { values: links },
              mark: { type: 'rule', strokeCap: 'round' },
              encoding: {
                ...xy,
                x2: { field: 'x2' },
                y2: { field: 'y2' },
                strokeWidth: { field: 'width', type: 'quantitative', scale: null },
                stroke: { field: 'kind', type: 'nominal', scale: { domain: tieKinds, range: [ACROSS, '#9e9e9e'] }, legend: legend('lines (thicker: more papers)', { titleLimit: 300, labelLimit: 200 }) },
                opacity: { condition: { test: 'datum.across', value: 0.45 }, value: 0.35 },
                tooltip: [
                  { field: 'sourceName', title: 'institution' },
                  { field: 'targetName', title: 'and' },
                  { field: 'papers', title: `${label} papers together` },
                ],
              },
            },
            ...(rings.length
              ? [
                  {
                    data: { values: rings },
                    mark: { type: 'point' as const, shape: 'circle', filled: false, strokeWidth: 2 },
                    encoding: {
                      ...xy,
                      size: { field: 'size', type: 'quantitative', scale: null },
                      stroke: { field: 'role', type: 'nominal', scale: { domain: [bridgeText], range: [BRIDGE_RING] }, legend: legend(null) },
                      tooltip: [{ field: 'institution', title: `${label} bridge` }],
                    },
                  },
                ]
              : []),
            {
              data: { values: nodes },
              mark: { type: 'circle', opacity: 0.92, stroke: 'white', strokeWidth: 1, cursor: 'pointer' },
              encoding: {
                ...xy,
                size: {
                  field: 'papers',
                  type: 'quantitative',
                  title: `${label} papers`,
                  scale: { type: 'linear', domain: [0, network.maxPapers], range: [minArea, maxArea], zero: false, nice: false },
                  legend: legend(`${label} papers`, { values: sizeTicks(network.maxPapers), symbolFillColor: COLORS.other, symbolStrokeColor: COLORS.other }),
                },
                fill: { field: 'group', type: 'nominal', title: 'country', scale: { domain: groups.domain, range: groups.range }, legend: legend('country') },
                tooltip,
              },
            },
            ...([false, true] as const).flatMap((bold) => (['left', 'right', 'center'] as const).flatMap((align) => [labelLayer(align, bold, true), labelLayer(align, bold, false)])),
          ],
        } as TopLevelSpec);
  const bridges = network.nodes.filter((n) => n.bridge !== null).sort((x, y) => (x.bridge as number) - (y.bridge as number));
  const caption = [
    `Institutions on ${label} collaboration papers (${papersText(network.pairPapers)}): the ${network.nodes.length} with the most papers of ${network.institutions}, sized by papers and coloured by country; ${labels.length} are labelled (the bridges, then those with most papers, where a label fits; every one is named on hover and in the table).`,
    `Lines: each institution's ${network.tiesPerNode === 1 ? 'strongest tie' : `${network.tiesPerNode} strongest ties`} (co-authored papers), ${network.links.length} of the ${network.keptEdges} ties among them; thicker: more papers together; purple: between a ${a} and a ${b} institution. Layout: ForceAtlas2 on those lines, from a fixed start; only closeness of connected institutions carries meaning, not the axes.`,
    bridges.length
      ? `Ringed and in bold: the ${bridges.length === 1 ? 'leading bridge' : `${bridges.length} leading bridges`} between ${a} and ${b} among them (share of the shortest ${a}-${b} paths through the institution on the whole co-authorship graph, the network section of summary.json): ${bridges.map((n) => n.institution).join(', ')}.`
      : '',
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
      columns: [
        { label: 'institution' },
        { label: 'country' },
        { label: `${label} papers`, numeric: true },
        { label: 'co-authoring institutions shown', numeric: true },
        { label: `rank among ${label} bridges`, numeric: true },
      ],
      rows: network.nodes.map((n) => [
        cell(n.institution),
        cell(n.country ?? 'unknown'),
        cell(n.papers, { has: 'pair', institutionNode: n.key }),
        cell(n.partners),
        cell(n.bridge === null ? '–' : n.bridge),
      ]),
    },
  };
}

/** Two or three round values up to the largest, for the size legend. */
function sizeTicks(max: number): number[] {
  if (max <= 3) return [...new Set([1, max])];
  const step = 10 ** Math.floor(Math.log10(max / 2));
  const nice = [1, 2, 5].map((m) => m * step).find((s) => max / s <= 4) ?? 10 * step;
  const ticks: number[] = [];
  for (let v = nice; v <= max; v += nice) ticks.push(v);
  return ticks.length > 3 ? ticks.filter((_, i) => i % 2 === ticks.length % 2) : ticks;
}
