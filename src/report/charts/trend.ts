// 1. Collaboration trend: the share of in-scope papers that are the pair's collaboration papers, per
// year, with 95% Wilson intervals; one series per venue when there are several, plus the venues pooled
// when they form a balanced panel (every venue in every year).
import type { TopLevelSpec } from 'vega-lite';
import type { TrendSeries } from '../../analyze/index.js';
import { cell, type Chart, type ChartInput, type Drill } from './types.js';
import { COLORS, describeDefinitions, interval, pairLabel, pairPapersPhrase, percent, signed } from './theme.js';
import { emptySpec } from './empty.js';

const ALL = 'all venues';
/** Okabe-Ito colours other than the pair's blue and vermillion, which mean countries elsewhere. */
const VENUE_COLORS = ['#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C6D31', '#F0E442', '#6B6ECF', '#A55194'];

export function trendChart({ summary }: ChartInput): Chart {
  const { trend, definitions } = summary;
  const pair = trend.pair;
  const label = pairLabel(pair);
  // The pooled series exists only over a balanced panel of venues (see trend.panel).
  const series: TrendSeries[] = trend.overall
    ? trend.byVenue.length > 1
      ? [trend.overall, ...trend.byVenue]
      : [trend.overall]
    : trend.byVenue;
  const years = [...new Set(series.flatMap((s) => s.rows.map((r) => r.year)))].sort((a, b) => a - b);
  const venueDrill = (s: TrendSeries): Drill => (s.venue === ALL ? {} : { venue: s.venue });
  const seriesName = (s: TrendSeries) => (s.venue === ALL && series.length === 1 ? `${pairLabel(pair)} share` : s.venue);
  const rows = series.flatMap((s, i) =>
    s.rows.map((r) => ({
      series: seriesName(s),
      year: r.year,
      // Series side by side within a year, so their intervals do not hide each other.
      position: r.year + (series.length > 1 ? (i - (series.length - 1) / 2) * 0.12 : 0),
      share: r.share,
      low: r.ci95[0],
      high: r.ci95[1],
      pairPapers: r.pairPapers,
      papers: r.papers,
      interval: interval(r.ci95),
      drill: { ...venueDrill(s), year: String(r.year), has: 'pair' },
    })),
  );
  const last = trend.overall ?? (trend.byVenue.length === 1 ? trend.byVenue[0] : null);
  const sentences = [
    `Share of in-scope papers that are ${label} collaboration papers (${pairPapersPhrase(pair)}), per year; bars are 95% Wilson intervals and the numbers above them count the ${label} papers.`,
    trend.byVenue.length > 1 ? trend.panel.note : '',
    last && last.cagr !== null ? `Compound annual growth of ${label} papers ${signed(last.cagr * 100, 1)}%, of the share ${last.shareCagr === null ? '–' : `${signed(last.shareCagr * 100, 1)}%`}.` : '',
    last ? last.slowing.share.sentence : '',
    describeDefinitions(definitions),
  ];
  // A view with no papers has no series at all (nothing to name or colour): the empty spec below.
  const colorScale =
    series.length > 1
      ? { domain: series.map(seriesName), range: [COLORS.neutral, ...VENUE_COLORS.slice(0, series.length - 1)] }
      : { domain: series.map(seriesName), range: [COLORS.a] };
  const x = {
    field: 'position',
    type: 'quantitative' as const,
    title: 'year',
    scale: { domain: years.length ? [years[0] - 0.5, years[years.length - 1] + 0.5] : [0, 1], nice: false, zero: false },
    axis: { values: years, format: 'd', grid: false, labelFlush: false },
  };
  const yTitle = `share of papers that are ${label} collaborations`;
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: yTitle, axis: { format: '.1%' }, scale: { zero: true } });
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: colorScale, legend: series.length > 1 ? {} : null };
  const tooltip = [
    { field: 'series', title: 'series' },
    { field: 'year', title: 'year' },
    { field: 'pairPapers', title: `${label} papers` },
    { field: 'papers', title: 'in-scope papers' },
    { field: 'share', title: 'share', format: '.2%' },
    { field: 'interval', title: '95% interval' },
  ];
  const spec: TopLevelSpec =
    rows.length === 0
      ? emptySpec('No papers in scope.')
      : {
          width: 720,
          height: 300,
          data: { values: rows },
          encoding: { x, color },
          layer: [
            { mark: { type: 'line', strokeWidth: 1.5, opacity: 0.6 }, encoding: { y: y('share') } },
            {
              mark: { type: 'rule', strokeWidth: 2.5, cursor: 'pointer' },
              encoding: {
                y: y('low'),
                y2: { field: 'high' },
                tooltip,
              },
            },
            { mark: { type: 'point', filled: true, size: 60, opacity: 1, cursor: 'pointer' }, encoding: { y: y('share'), tooltip } },
            {
              mark: { type: 'text', dy: -8, baseline: 'bottom', fontSize: 10, cursor: 'pointer' },
              encoding: { y: y('high'), text: { field: 'pairPapers', type: 'quantitative' }, tooltip },
            },
          ],
        };
  const table = {
    columns: [
      ...(series.length > 1 ? [{ label: 'venue' }] : []),
      { label: 'year' },
      { label: 'in-scope papers', numeric: true },
      { label: `${label} papers`, numeric: true },
      { label: 'share', numeric: true },
      { label: '95% interval', numeric: true },
      { label: `growth of ${label} papers`, numeric: true },
    ],
    rows: series.flatMap((s) =>
      s.rows.map((r) => [
        ...(series.length > 1 ? [cell(s.venue)] : []),
        cell(r.year),
        cell(r.papers, { ...venueDrill(s), year: String(r.year), scope: 'in' }),
        cell(r.pairPapers, { ...venueDrill(s), year: String(r.year), has: 'pair' }),
        cell(percent(r.share, 2)),
        cell(interval(r.ci95)),
        cell(r.growth === null ? '–' : `${signed(r.growth * 100, 1)}%`),
      ]),
    ),
  };
  return { id: 'trend', title: `${label} collaboration per year`, caption: sentences.filter(Boolean).join(' '), spec, table };
}
