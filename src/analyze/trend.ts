// 2. Collaboration papers per venue and year: share, year-over-year growth, compound annual growth,
// and whether growth is slowing, with a test that says whether the change is beyond the noise.
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { interval } from './counting.js';
import { pText, signedPct } from './format.js';
import { cagr, compareStrings, growthChangeTest, round, twoProportionZ } from './stats.js';
import type { GrowthVerdict, Trend, TrendRow, TrendSeries } from './types.js';

export const ALL_VENUES = 'all venues';

interface YearCount {
  papers: number;
  pair: number;
}

export function trendAccumulator(context: AnalysisContext): Accumulator<Trend> {
  const overall = new Map<number, YearCount>();
  const byVenue = new Map<string, Map<number, YearCount>>();
  const bump = (map: Map<number, YearCount>, year: number, isPair: boolean) => {
    let entry = map.get(year);
    if (!entry) map.set(year, (entry = { papers: 0, pair: 0 }));
    entry.papers++;
    if (isPair) entry.pair++;
  };
  return {
    add(view: PaperView) {
      if (!view.inScope) return;
      const { venue, year } = view.paper;
      bump(overall, year, view.isPair);
      let venueMap = byVenue.get(venue);
      if (!venueMap) byVenue.set(venue, (venueMap = new Map()));
      bump(venueMap, year, view.isPair);
    },
    finish() {
      const label = `${context.pair[0]}-${context.pair[1]}`;
      return {
        pair: context.pair,
        overall: trendSeries(ALL_VENUES, overall, label),
        byVenue: [...byVenue]
          .sort(([a], [b]) => compareStrings(a, b))
          .map(([venue, years]) => trendSeries(venue, years, label)),
      };
    },
  };
}

export function trendSeries(venue: string, years: Map<number, YearCount>, label: string): TrendSeries {
  const counts = [...years].sort(([a], [b]) => a - b);
  const rows: TrendRow[] = [];
  counts.forEach(([year, count], i) => {
    const share = count.papers ? count.pair / count.papers : 0;
    const row: TrendRow = {
      year,
      papers: count.papers,
      pairPapers: count.pair,
      share: round(share),
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
      const shareGrowth = cagr(prevShare, share, span);
      row.shareGrowth = shareGrowth === null ? null : round(shareGrowth);
      const previousGrowth = rows[i - 1].growth;
      if (row.growth !== null && previousGrowth !== null) row.growthChange = round(row.growth - previousGrowth);
      const z = twoProportionZ(count.pair, count.papers, prev.pair, prev.papers);
      row.shareChangeP = z ? round(z.p) : null;
    }
    if (i > 1) {
      const test = growthChangeTest(counts.slice(i - 2, i + 1).map(([t, c]) => ({ t, value: c.pair, relVar: 1 / c.pair })));
      row.growthChangeP = test ? round(test.p) : null;
    }
    rows.push(row);
  });
  const first = counts[0] as [number, YearCount] | undefined;
  const last = counts[counts.length - 1] as [number, YearCount] | undefined;
  const shareOf = (c: YearCount) => (c.papers ? c.pair / c.papers : 0);
  const growth = first && last ? cagr(first[1].pair, last[1].pair, last[0] - first[0]) : null;
  const shareGrowth = first && last ? cagr(shareOf(first[1]), shareOf(last[1]), last[0] - first[0]) : null;
  const tail = counts.slice(-3);
  const subject = `${venue === ALL_VENUES ? 'All venues' : venue}, ${label}`;
  return {
    venue,
    firstYear: first ? first[0] : null,
    lastYear: last ? last[0] : null,
    rows,
    cagr: growth === null ? null : round(growth),
    shareCagr: shareGrowth === null ? null : round(shareGrowth),
    slowing: {
      papers: growthVerdict(
        'papers',
        tail.map(([t, c]) => ({ t, value: c.pair, relVar: 1 / c.pair })),
        `${subject} papers`,
      ),
      share: growthVerdict(
        'share',
        tail.map(([t, c]) => ({ t, value: c.papers ? c.pair / c.papers : 0, relVar: c.pair && c.papers ? (1 - c.pair / c.papers) / c.pair : 0 })),
        `${subject} share of papers`,
      ),
    },
  };
}

/**
 * Compares the growth over the last interval with the growth over the one before, for three points
 * (the last three years of a series). The test is on the difference of the log growth rates; the
 * sentence states the growth rates and whether the change is beyond the noise at the 5% level.
 */
export function growthVerdict(
  basis: GrowthVerdict['basis'],
  points: Array<{ t: number; value: number; relVar: number }>,
  subject: string,
): GrowthVerdict {
  const years = points.map((p) => p.t);
  const test = growthChangeTest(points);
  if (!test) {
    return {
      basis,
      years,
      earlierGrowth: null,
      laterGrowth: null,
      change: null,
      z: null,
      p: null,
      verdict: 'insufficient-data',
      significant: false,
      sentence:
        points.length < 3
          ? `${subject}: fewer than three years, so no change in growth can be measured.`
          : `${subject}: a year with no collaboration papers, so growth rates are undefined.`,
    };
  }
  const verdict = test.logChange < 0 ? 'slowing' : test.logChange > 0 ? 'accelerating' : 'unchanged';
  const significant = test.p < 0.05;
  const verb = verdict === 'slowing' ? 'slowed' : verdict === 'accelerating' ? 'sped up' : 'held';
  const noise = significant
    ? `the change is statistically significant (${pText(test.p)})`
    : `the difference is within the noise (${pText(test.p)})`;
  return {
    basis,
    years,
    earlierGrowth: round(test.earlierGrowth),
    laterGrowth: round(test.laterGrowth),
    change: round(test.laterGrowth - test.earlierGrowth),
    z: round(test.z),
    p: round(test.p),
    verdict,
    significant,
    sentence:
      `${subject}: growth ${verb} from ${signedPct(test.earlierGrowth)} a year (${years[0]}-${years[1]}) ` +
      `to ${signedPct(test.laterGrowth)} (${years[1]}-${years[2]}); ${noise}.`,
  };
}
