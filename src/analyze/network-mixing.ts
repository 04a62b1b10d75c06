// Per year: how national are the institution co-authorship ties, against random mixing? Builds each
// year's ties (one per pair of institutions with known countries on a paper, all institutions), runs
// the permutation baseline of homophily.ts, and draws the "splitting along national lines" sentence
// from it.
import { fixed, pct } from './format.js';
import { mixingBaseline, type TieSet } from './homophily.js';
import { round } from './stats.js';
import type { NetworkMixing } from './types.js';

/** Permutations per year: as many as keep permutations x ties within this budget, between the bounds. */
export const MIXING_BUDGET = 2e7;
export const MIXING_MIN_PERMUTATIONS = 20;
export const MIXING_MAX_PERMUTATIONS = 200;
const SHIFT = 2 ** 26;

export interface PaperLists {
  nodes: Int32Array;
  ends: Int32Array;
  years: Int32Array;
  papers: number;
}

export function yearMixing(lists: PaperLists, countries: Array<string | null>, pair: [string, string], seed: number): Map<number, NetworkMixing> {
  const byYear = new Map<number, Map<number, number>>();
  for (let p = 0, start = 0; p < lists.papers; start = lists.ends[p], p++) {
    let ties = byYear.get(lists.years[p]);
    if (!ties) byYear.set(lists.years[p], (ties = new Map()));
    for (let x = start; x < lists.ends[p]; x++) {
      const i = lists.nodes[x];
      if (countries[i] === null) continue;
      for (let y = x + 1; y < lists.ends[p]; y++) {
        const j = lists.nodes[y];
        if (countries[j] === null) continue;
        const key = i < j ? i * SHIFT + j : j * SHIFT + i;
        ties.set(key, (ties.get(key) ?? 0) + 1);
      }
    }
  }
  const result = new Map<number, NetworkMixing>();
  for (const [year, ties] of [...byYear].sort(([x], [y]) => x - y)) {
    const keys = [...ties.keys()].sort((x, y) => x - y);
    const local = new Map<number, number>();
    const countryIndex = new Map<string, number>();
    const labels: number[] = [];
    const localOf = (i: number) => {
      let l = local.get(i);
      if (l === undefined) {
        l = labels.length;
        local.set(i, l);
        const country = countries[i] as string;
        let c = countryIndex.get(country);
        if (c === undefined) countryIndex.set(country, (c = countryIndex.size));
        labels.push(c);
      }
      return l;
    };
    const set: TieSet = { x: new Int32Array(keys.length), y: new Int32Array(keys.length), w: new Float64Array(keys.length), label: new Int32Array(0), countries: 0 };
    keys.forEach((key, k) => {
      const i = Math.floor(key / SHIFT);
      set.x[k] = localOf(i);
      set.y[k] = localOf(key - i * SHIFT);
      set.w[k] = ties.get(key) as number;
    });
    set.label = Int32Array.from(labels);
    set.countries = countryIndex.size;
    const permutations = keys.length
      ? Math.max(MIXING_MIN_PERMUTATIONS, Math.min(MIXING_MAX_PERMUTATIONS, Math.floor(MIXING_BUDGET / keys.length)))
      : 0;
    const baseline = mixingBaseline(set, [countryIndex.get(pair[0]) ?? -1, countryIndex.get(pair[1]) ?? -1], permutations, seed + year);
    const r = round(baseline.observed.assortativity);
    const [low, high] = baseline.interval.assortativity;
    result.set(year, {
      ties: set.w.reduce((s, w) => s + w, 0),
      institutions: labels.length,
      countries: set.countries,
      assortativity: r,
      eiIndex: round(baseline.observed.eiIndex),
      pairAcrossShare: baseline.observed.pairAcrossShare === null ? null : round(baseline.observed.pairAcrossShare),
      random: {
        permutations,
        seed: seed + year,
        assortativity: round(baseline.expected.assortativity),
        assortativityInterval: [round(low), round(high)],
        eiIndex: round(baseline.expected.eiIndex),
        eiInterval: [round(baseline.interval.eiIndex[0]), round(baseline.interval.eiIndex[1])],
        pairAcrossShare: baseline.expected.pairAcrossShare === null ? null : round(baseline.expected.pairAcrossShare),
        pairAcrossInterval: baseline.interval.pairAcrossShare ? [round(baseline.interval.pairAcrossShare[0]), round(baseline.interval.pairAcrossShare[1])] : null,
      },
      p: round(baseline.p),
      moreNationalThanRandom: permutations > 0 && r > high,
    });
  }
  return result;
}

/** The "splitting along national lines?" sentence, from the per-year assortativity against random mixing. */
export function nationalLinesSentence(years: Array<{ year: number; mixing: NetworkMixing }>, pair: [string, string]): string {
  const tested = years.filter((y) => y.mixing.random.permutations > 0);
  if (!tested.length) return 'Splitting along national lines? No year has ties between institutions with known countries, so it cannot be measured.';
  const national = tested.filter((y) => y.mixing.moreNationalThanRandom);
  const first = tested[0];
  const last = tested[tested.length - 1];
  const range = (y: (typeof tested)[number]) =>
    `${fixed(y.mixing.assortativity)} in ${y.year} (random mixing ${fixed(y.mixing.random.assortativityInterval[0])} to ${fixed(y.mixing.random.assortativityInterval[1])})`;
  const verdict =
    national.length === tested.length
      ? `in every year (${tested.length}) ties are more within-country than random mixing of the same institutions would give`
      : national.length === 0
        ? `in no year are ties more within-country than random mixing of the same institutions would give`
        : `in ${national.length} of ${tested.length} years (${national.map((y) => y.year).join(', ')}) ties are more within-country than random mixing would give`;
  const [a, b] = pair;
  const pairText = (y: (typeof tested)[number]) =>
    y.mixing.pairAcrossShare === null || y.mixing.random.pairAcrossShare === null
      ? null
      : `${pct(y.mixing.pairAcrossShare)} in ${y.year} (${pct(y.mixing.random.pairAcrossShare)} under random mixing)`;
  const counts = tested.map((y) => y.mixing.random.permutations);
  const shuffles = Math.min(...counts) === Math.max(...counts) ? `${counts[0]}` : `${Math.min(...counts)}-${Math.max(...counts)}`;
  const pairFirst = pairText(first);
  const pairLast = pairText(last);
  return (
    `Splitting along national lines? Country assortativity of institution ties (0 = random mixing, 1 = only within-country ties): ` +
    `${range(first)}${tested.length > 1 ? `, ${range(last)}` : ''}; ${verdict} (permutation test, 95% range of ` +
    `${first.mixing.random.permutations}+ seeded shuffles of country labels per year). ` +
    (pairFirst ? `${a}-${b} ties among ${a} and ${b} institutions' ties: ${pairFirst}${tested.length > 1 && pairLast ? `; ${pairLast}` : ''}. ` : '') +
    (tested.length > 1 ? `Whether the assortativity changed between years is not tested; read the yearly figures against their random-mixing ranges, not the share of cross-border edges, which grows with a country's presence.` : '')
  );
}
