// 2. Collaboration papers per venue and year: share, year-over-year growth, compound annual growth,
// and whether growth changed in the last interval, by a quasi-likelihood test (growth-model.ts) that
// only says "slowing" or "accelerating" when the change is significant at the stated level. The
// share test (size-adjusted) leads; the count test follows. Venues are trended one by one; the pooled
// series covers only the venues present in every year of the window (a balanced panel), since a
// venue entering or leaving the pool would otherwise pass for a change in growth.
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { interval } from './counting.js';
import { fixed, pText, signedPct } from './format.js';
import { growthChangeModel, type GrowthPoint } from './growth-model.js';
import { cagr, compareStrings, growthChangeTest, round, twoProportionZ, twoSidedP } from './stats.js';
import { studentTwoSidedP } from './student.js';
import type { GrowthVerdict, Trend, TrendPanel, TrendRow, TrendSeries } from './types.js';

export const ALL_VENUES = 'all venues';
/** The level at which a change of growth is called slowing or accelerating. */
export const TREND_LEVEL = 0.05;

interface YearCount {
  papers: number;
  pair: number;
}

export function trendAccumulator(context: AnalysisContext): Accumulator<Trend> {
  const byVenue = new Map<string, Map<number, YearCount>>();
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      const { venue, year } = view.paper;
      let venueMap = byVenue.get(venue);
      if (!venueMap) byVenue.set(venue, (venueMap = new Map()));
      let entry = venueMap.get(year);
      if (!entry) venueMap.set(year, (entry = { papers: 0, pair: 0 }));
      entry.papers++;
      if (view.isPair) entry.pair++;
    },
    finish() {
      const label = `${context.pair[0]}-${context.pair[1]}`;
      const venues = [...byVenue].sort(([a], [b]) => compareStrings(a, b));
      const { panel, counts } = balancedPanel(venues);
      return {
        pair: context.pair,
        overall: counts ? trendSeries(ALL_VENUES, counts, label, panel) : null,
        panel,
        byVenue: venues.map(([venue, years]) => trendSeries(venue, years, label)),
      };
    },
  };
}

/** The venues present in every year of the window (all years seen), and their summed counts per year. */
export function balancedPanel(venues: Array<[string, Map<number, YearCount>]>): { panel: TrendPanel; counts: Map<number, YearCount> | null } {
  const years = [...new Set(venues.flatMap(([, y]) => [...y.keys()]))].sort((a, b) => a - b);
  const inPanel = venues.filter(([, y]) => years.every((year) => y.has(year)));
  const venueNames = inPanel.map(([venue]) => venue);
  const excluded = venues.filter(([, y]) => !years.every((year) => y.has(year))).map(([venue]) => venue);
  const window = years.length ? `${years[0]}-${years[years.length - 1]}` : '';
  if (!years.length) return { panel: { years, venues: [], excluded, computed: false, note: 'No papers in scope.' }, counts: null };
  if (!inPanel.length) {
    return {
      panel: {
        years,
        venues: [],
        excluded,
        computed: false,
        note:
          `No pooled trend: no venue is present in every year of ${window} (${years.join(', ')}), and pooling venues that ` +
          `come and go would read a change of venue mix as a change of growth. See the venues one by one.`,
      },
      counts: null,
    };
  }
  const counts = new Map<number, YearCount>();
  for (const [, y] of inPanel) {
    for (const [year, c] of y) {
      const entry = counts.get(year) ?? { papers: 0, pair: 0 };
      counts.set(year, { papers: entry.papers + c.papers, pair: entry.pair + c.pair });
    }
  }
  const note =
    `Pooled trend over the balanced panel ${venueNames.join(', ')} (present in every year of ${window})` +
    (excluded.length ? `; not pooled, as missing some years: ${excluded.join(', ')}.` : '.');
  return { panel: { years, venues: venueNames, excluded, computed: true, note }, counts };
}

export function trendSeries(venue: string, years: Map<number, YearCount>, label: string, panel?: TrendPanel): TrendSeries {
  const counts = [...years].sort(([a], [b]) => a - b);
  const subjectName = venue === ALL_VENUES ? (panel && panel.venues.length > 1 ? `Pooled (${panel.venues.join(', ')})` : 'All venues') : venue;
  const points: GrowthPoint[] = counts.map(([t, c]) => ({ t, y: c.pair, n: c.papers }));
  const share = growthVerdict('share', points, `${subjectName}, share of papers that are ${label}`);
  const papers = growthVerdict('papers', points, `${subjectName}, ${label} papers`);
  // Per-row tests of a change of growth use the local three years, with the series' count dispersion.
  const phi = Math.max(1, papers.dispersion ?? 1);
  const rows: TrendRow[] = [];
  counts.forEach(([year, count], i) => {
    const shareValue = count.papers ? count.pair / count.papers : 0;
    const row: TrendRow = {
      year,
      papers: count.papers,
      pairPapers: count.pair,
      share: round(shareValue),
      ci95: interval(count.pair, count.papers),
      growth: null,
      shareGrowth: null,
      growthChange: null,
      growthChangeP: null,
      shareChangeP: null,
    };
    if (i > 0) {
      const [prevYear, prev] = counts[i - 1];
      const span = year - prevYear;
      const growth = cagr(prev.pair, count.pair, span);
      const prevShare = prev.papers ? prev.pair / prev.papers : 0;
      row.growth = growth === null ? null : round(growth);
      const shareGrowth = cagr(prevShare, shareValue, span);
      row.shareGrowth = shareGrowth === null ? null : round(shareGrowth);
      const z = twoProportionZ(count.pair, count.papers, prev.pair, prev.papers);
      row.shareChangeP = z ? round(z.p) : null;
    }
    if (i > 1) {
      const test = growthChangeTest(counts.slice(i - 2, i + 1).map(([t, c]) => ({ t, value: c.pair, relVar: 1 / c.pair })));
      if (test) {
        row.growthChange = round(test.logChange);
        const statistic = test.z / Math.sqrt(phi);
        row.growthChangeP = round(papers.df ? studentTwoSidedP(statistic, papers.df) : twoSidedP(statistic));
      }
    }
    rows.push(row);
  });
  const first = counts[0] as [number, YearCount] | undefined;
  const last = counts[counts.length - 1] as [number, YearCount] | undefined;
  const shareOf = (c: YearCount) => (c.papers ? c.pair / c.papers : 0);
  const growth = first && last ? cagr(first[1].pair, last[1].pair, last[0] - first[0]) : null;
  const shareGrowth = first && last ? cagr(shareOf(first[1]), shareOf(last[1]), last[0] - first[0]) : null;
  return {
    venue,
    firstYear: first ? first[0] : null,
    lastYear: last ? last[0] : null,
    rows,
    cagr: growth === null ? null : round(growth),
    shareCagr: shareGrowth === null ? null : round(shareGrowth),
    slowing: { share, papers },
  };
}

/**
 * Did growth over the last interval differ from the average growth before it? The break model of
 * growth-model.ts over the whole series; the verdict is slowing/accelerating only when p < TREND_LEVEL.
 */
export function growthVerdict(basis: GrowthVerdict['basis'], points: GrowthPoint[], subject: string): GrowthVerdict {
  const fit = growthChangeModel(points, basis);
  const model = basis === 'share' ? 'quasi-binomial' : 'quasi-poisson';
  if (!fit) {
    return {
      basis,
      model,
      years: points.length >= 3 ? [points[0].t, points[points.length - 2].t, points[points.length - 1].t] : points.map((p) => p.t),
      earlierGrowth: null,
      laterGrowth: null,
      change: null,
      ratio: null,
      ratioCi95: null,
      statistic: null,
      df: null,
      dispersion: null,
      p: null,
      level: TREND_LEVEL,
      verdict: 'insufficient-data',
      significant: false,
      sentence:
        points.length < 3
          ? `${subject}: fewer than three years, so no change in growth can be measured.`
          : `${subject}: no collaboration papers in a year the test needs, so growth rates are undefined.`,
    };
  }
  const significant = fit.p < TREND_LEVEL;
  const verdict = !significant ? 'no-evidence' : fit.logChange < 0 ? 'slowing' : 'accelerating';
  const [y0, yk, y1] = fit.years;
  const rates = `fitted growth ${signedPct(fit.earlierGrowth)} a year (${y0}-${yk}), then ${signedPct(fit.laterGrowth)} (${yk}-${y1})`;
  const stat = fit.df > 0 ? `t=${fixed(fit.statistic)} on ${fit.df} df` : `z=${fixed(fit.statistic)}`;
  const variance =
    fit.df > 0
      ? `${model}, dispersion ${fixed(fit.dispersion)}${(fit.dispersion ?? 0) < 1 ? ' (taken as 1)' : ''}`
      : `${basis === 'share' ? 'binomial' : 'Poisson'} variance assumed: three years cannot show overdispersion, so the test may overstate`;
  const evidence = `ratio of annual growth factors ${fixed(fit.ratio)} [95% CI ${fixed(fit.ratioCi95[0])}-${fixed(fit.ratioCi95[1])}], ${stat}, ${pText(fit.p)}; ${variance}`;
  const level = `${Math.round(TREND_LEVEL * 100)}%`;
  const sentence =
    verdict === 'no-evidence'
      ? `${subject}: no evidence that growth changed (at the ${level} level): ${rates}; ${evidence}.`
      : `${subject}: growth ${verdict === 'slowing' ? 'slowed' : 'accelerated'} significantly (at the ${level} level), ${rates}; ${evidence}.`;
  return {
    basis,
    model,
    years: fit.years,
    earlierGrowth: round(fit.earlierGrowth),
    laterGrowth: round(fit.laterGrowth),
    change: round(fit.logChange),
    ratio: round(fit.ratio),
    ratioCi95: [round(fit.ratioCi95[0]), round(fit.ratioCi95[1])],
    statistic: round(fit.statistic),
    df: fit.df,
    dispersion: fit.dispersion === null ? null : round(fit.dispersion),
    p: round(fit.p),
    level: TREND_LEVEL,
    verdict,
    significant,
    sentence,
  };
}
