// Per year: how national are the institution co-authorship ties, against random mixing? Builds each
// year's ties (one per pair of institutions with known countries on a paper, all institutions), runs
// the permutation baseline of homophily.ts and a bootstrap over the year's papers, compares the first
// and the last year, and draws the "splitting along national lines" sentence from it.
import { fixed, pct } from './format.js';
import { bootstrapAssortativity, mixingBaseline, percentileInterval, type TieSet } from './homophily.js';
import { round } from './stats.js';
import type { MixingChange, NetworkMixing } from './types.js';

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

interface YearTieLists {
  /** Per-paper tie lists, in global node indices: paper p's ties are starts[p]..starts[p+1]. */
  px: number[];
  py: number[];
  starts: number[];
}

/**
 * The distinct ties of a year, sorted by (smaller node, larger node), with the number of papers on each:
 * the tie keys sorted in a typed array and counted in runs (no hash map keyed by large numbers).
 */
function aggregateTies(px: number[], py: number[]): { keys: Float64Array; weights: Float64Array } {
  const all = new Float64Array(px.length);
  for (let t = 0; t < px.length; t++) {
    const i = px[t];
    const j = py[t];
    all[t] = i < j ? i * SHIFT + j : j * SHIFT + i;
  }
  all.sort();
  let distinct = 0;
  for (let t = 0; t < all.length; t++) if (t === 0 || all[t] !== all[t - 1]) distinct++;
  const keys = new Float64Array(distinct);
  const weights = new Float64Array(distinct);
  for (let t = 0, k = -1; t < all.length; t++) {
    if (t === 0 || all[t] !== all[t - 1]) keys[++k] = all[t];
    weights[k]++;
  }
  return { keys, weights };
}

/** The nodes' local indices (every tie node already has one: the distinct ties were numbered first). */
function localIndices(nodes: number[], localOf: (i: number) => number): Int32Array {
  const out = new Int32Array(nodes.length);
  for (let t = 0; t < nodes.length; t++) out[t] = localOf(nodes[t]);
  return out;
}

export function yearMixing(lists: PaperLists, countries: Array<string | null>, pair: [string, string], seed: number): Map<number, NetworkMixing & { replicates: number[] }> {
  const byYear = new Map<number, YearTieLists>();
  for (let p = 0, start = 0; p < lists.papers; start = lists.ends[p], p++) {
    let year = byYear.get(lists.years[p]);
    if (!year) byYear.set(lists.years[p], (year = { px: [], py: [], starts: [] }));
    year.starts.push(year.px.length);
    for (let x = start; x < lists.ends[p]; x++) {
      const i = lists.nodes[x];
      if (countries[i] === null) continue;
      for (let y = x + 1; y < lists.ends[p]; y++) {
        const j = lists.nodes[y];
        if (countries[j] === null) continue;
        year.px.push(i);
        year.py.push(j);
      }
    }
  }
  const result = new Map<number, NetworkMixing & { replicates: number[] }>();
  for (const [year, lists] of [...byYear].sort(([x], [y]) => x - y)) {
    const { keys, weights } = aggregateTies(lists.px, lists.py);
    const local = new Int32Array(countries.length).fill(-1);
    const countryIndex = new Map<string, number>();
    const labels: number[] = [];
    const localOf = (i: number) => {
      let l = local[i];
      if (l < 0) {
        l = labels.length;
        local[i] = l;
        const country = countries[i] as string;
        let c = countryIndex.get(country);
        if (c === undefined) countryIndex.set(country, (c = countryIndex.size));
        labels.push(c);
      }
      return l;
    };
    const set: TieSet = { x: new Int32Array(keys.length), y: new Int32Array(keys.length), w: weights, label: new Int32Array(0), countries: 0 };
    keys.forEach((key, k) => {
      const i = Math.floor(key / SHIFT);
      set.x[k] = localOf(i);
      set.y[k] = localOf(key - i * SHIFT);
    });
    set.label = Int32Array.from(labels);
    set.countries = countryIndex.size;
    const bounded = (work: number) => (work ? Math.max(MIXING_MIN_PERMUTATIONS, Math.min(MIXING_MAX_PERMUTATIONS, Math.floor(MIXING_BUDGET / work))) : 0);
    const permutations = bounded(keys.length);
    const baseline = mixingBaseline(set, [countryIndex.get(pair[0]) ?? -1, countryIndex.get(pair[1]) ?? -1], permutations, seed + year);
    const replicates = bootstrapAssortativity(
      {
        x: localIndices(lists.px, localOf),
        y: localIndices(lists.py, localOf),
        starts: Int32Array.from([...lists.starts, lists.px.length]),
        label: set.label,
        countries: set.countries,
      },
      bounded(lists.px.length),
      seed + year + 1_000_003,
    );
    const r = round(baseline.observed.assortativity);
    const [low, high] = baseline.interval.assortativity;
    const bootstrap = replicates.length ? percentileInterval(replicates) : null;
    result.set(year, {
      ties: set.w.reduce((s, w) => s + w, 0),
      institutions: labels.length,
      countries: set.countries,
      assortativity: r,
      assortativityCi95: bootstrap ? [round(bootstrap[0]), round(bootstrap[1])] : null,
      bootstrapReplicates: replicates.length,
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
      replicates,
    });
  }
  return result;
}

/**
 * First against last year: the difference of assortativity, with a 95% bootstrap interval from the two
 * years' independent replicates (paired by index). Null with fewer than two years of ties.
 */
export function mixingChange(years: Array<{ year: number; replicates: number[]; assortativity: number }>): MixingChange | null {
  const usable = years.filter((y) => y.replicates.length > 0);
  if (usable.length < 2) return null;
  const first = usable[0];
  const last = usable[usable.length - 1];
  const n = Math.min(first.replicates.length, last.replicates.length);
  const differences = Array.from({ length: n }, (_, i) => last.replicates[i] - first.replicates[i]);
  const [low, high] = percentileInterval(differences);
  const difference = last.assortativity - first.assortativity;
  return {
    from: first.year,
    to: last.year,
    difference: round(difference),
    ci95: [round(low), round(high)],
    replicates: n,
    verdict: low > 0 ? 'more-national' : high < 0 ? 'less-national' : 'no-evidence',
  };
}

/** The "splitting along national lines?" sentence, from the per-year assortativity against random mixing. */
export function nationalLinesSentence(
  years: Array<{ year: number; mixing: NetworkMixing }>,
  change: MixingChange | null,
  pair: [string, string],
  changeNote: string | null = null,
): string {
  const tested = years.filter((y) => y.mixing.random.permutations > 0);
  if (!tested.length) return 'Splitting along national lines? No year has ties between institutions with known countries, so it cannot be measured.';
  const national = tested.filter((y) => y.mixing.moreNationalThanRandom);
  const first = tested[0];
  const last = tested[tested.length - 1];
  const figure = (y: (typeof tested)[number]) =>
    `${fixed(y.mixing.assortativity)} in ${y.year} (random mixing: ${fixed(y.mixing.random.assortativityInterval[0])} to ${fixed(y.mixing.random.assortativityInterval[1])})`;
  const against =
    national.length === tested.length
      ? `in every year (${tested.length}) ties are more within-country than random mixing of the same institutions would give`
      : national.length === 0
        ? `in no year are ties more within-country than random mixing of the same institutions would give`
        : `in ${national.length} of ${tested.length} years (${national.map((y) => y.year).join(', ')}) ties are more within-country than random mixing would give`;
  const counts = tested.map((y) => y.mixing.random.permutations);
  const shuffles = Math.min(...counts) === Math.max(...counts) ? `${counts[0]}` : `${Math.min(...counts)}-${Math.max(...counts)}`;
  const trend = change
    ? change.verdict === 'no-evidence'
      ? `No evidence that networks split further along national lines or merged: the change from ${change.from} to ${change.to} ` +
        `(${fixed(change.difference, 3)}, 95% bootstrap interval ${fixed(change.ci95[0], 3)} to ${fixed(change.ci95[1], 3)}) is within the noise.`
      : `From ${change.from} to ${change.to} ties became ${change.verdict === 'more-national' ? 'more national (splitting along national lines)' : 'less national (mixing more across borders)'}: ` +
        `assortativity ${change.difference > 0 ? '+' : ''}${fixed(change.difference, 3)}, 95% bootstrap interval ${fixed(change.ci95[0], 3)} to ${fixed(change.ci95[1], 3)}.`
    : (changeNote ?? '');
  const [a, b] = pair;
  const pairText = (y: (typeof tested)[number]) =>
    y.mixing.pairAcrossShare === null || y.mixing.random.pairAcrossShare === null
      ? null
      : `${pct(y.mixing.pairAcrossShare)} in ${y.year} (${pct(y.mixing.random.pairAcrossShare)} under random mixing)`;
  const pairs = [pairText(first), tested.length > 1 ? pairText(last) : null].filter(Boolean);
  return (
    `Splitting along national lines? Country assortativity of institution ties (0 = random mixing, 1 = only within-country ties) was ` +
    `${figure(first)}${tested.length > 1 ? ` and ${figure(last)}` : ''}: ${against} (permutation test, ${shuffles} seeded shuffles of country labels a year). ` +
    (trend ? `${trend} ` : '') +
    (pairs.length ? `Of the ties among ${a} and ${b} institutions, ${a}-${b} ties were ${pairs.join(' and ')}; a rising ${a}-${b} share of edges alone reflects who takes part, not mixing.` : '')
  );
}
