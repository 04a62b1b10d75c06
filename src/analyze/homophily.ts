// Are co-authorship ties more national than chance? Country assortativity (Newman 2003, categorical)
// and the E-I index of one year's institution ties, against random mixing: the same ties with the
// institutions' country labels permuted (seeded, a bounded number of times). A share of cross-border
// ties can rise simply because a country's institutions become more numerous; assortativity is 0 under
// random mixing whatever the countries' sizes, so it is comparable from year to year.
import { mulberry32 } from './stats.js';

/** One tie list: edges between node indices with weights (co-authored papers), and each node's country index. */
export interface TieSet {
  x: Int32Array;
  y: Int32Array;
  w: Float64Array;
  /** Country index of each node (dense 0..countries-1); every node of an edge has one. */
  label: Int32Array;
  countries: number;
}

export interface MixingFigures {
  /** Categorical assortativity r: 0 = random mixing, 1 = every tie within a country. */
  assortativity: number;
  /** (external - internal) / all tie weight: -1 all within countries, +1 all across. */
  eiIndex: number;
  /** Among ties with both ends in A or B: the share that joins A and B. */
  pairAcrossShare: number | null;
}

/** Assortativity, E-I index and the A-B across share of a labelling. `pairLabels` = [index of A, index of B] (-1 if absent). */
export function mixing(ties: TieSet, label: Int32Array, pairLabels: [number, number]): MixingFigures {
  const strength = new Float64Array(ties.countries);
  let total = 0;
  let within = 0;
  let pairAll = 0;
  let pairAcross = 0;
  const [la, lb] = pairLabels;
  for (let k = 0; k < ties.x.length; k++) {
    const cx = label[ties.x[k]];
    const cy = label[ties.y[k]];
    const w = ties.w[k];
    total += w;
    strength[cx] += w;
    strength[cy] += w;
    if (cx === cy) within += w;
    const inPair = (cx === la || cx === lb) && (cy === la || cy === lb);
    if (inPair && la >= 0 && lb >= 0) {
      pairAll += w;
      if (cx !== cy) pairAcross += w;
    }
  }
  if (!(total > 0)) return { assortativity: 0, eiIndex: 0, pairAcrossShare: null };
  let sumA2 = 0;
  for (const s of strength) sumA2 += (s / (2 * total)) ** 2;
  const e = within / total;
  return {
    assortativity: sumA2 < 1 ? (e - sumA2) / (1 - sumA2) : 0,
    eiIndex: (total - 2 * within) / total,
    pairAcrossShare: pairAll > 0 ? pairAcross / pairAll : null,
  };
}

export interface MixingBaseline {
  observed: MixingFigures;
  /** Permutations run (bounded by the budget), the seed, and the mean and 2.5-97.5% range of each figure under random mixing. */
  permutations: number;
  seed: number;
  expected: { assortativity: number; eiIndex: number; pairAcrossShare: number | null };
  interval: { assortativity: [number, number]; eiIndex: [number, number]; pairAcrossShare: [number, number] | null };
  /** One-sided permutation p of "more within-country than random mixing": (1 + #{r_perm >= r}) / (1 + permutations). */
  p: number;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Observed mixing and its permutation baseline: the labels of the tie set's nodes shuffled `permutations` times. */
export function mixingBaseline(ties: TieSet, pairLabels: [number, number], permutations: number, seed: number): MixingBaseline {
  const observed = mixing(ties, ties.label, pairLabels);
  const random = mulberry32(seed);
  const label = Int32Array.from(ties.label);
  const r: number[] = [];
  const ei: number[] = [];
  const across: number[] = [];
  let atLeast = 0;
  for (let i = 0; i < permutations; i++) {
    for (let k = label.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      const t = label[k];
      label[k] = label[j];
      label[j] = t;
    }
    const m = mixing(ties, label, pairLabels);
    r.push(m.assortativity);
    ei.push(m.eiIndex);
    if (m.pairAcrossShare !== null) across.push(m.pairAcrossShare);
    if (m.assortativity >= observed.assortativity - 1e-12) atLeast++;
  }
  const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0);
  const range = (values: number[]): [number, number] => {
    const sorted = [...values].sort((x, y) => x - y);
    return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
  };
  return {
    observed,
    permutations,
    seed,
    expected: { assortativity: mean(r), eiIndex: mean(ei), pairAcrossShare: across.length ? mean(across) : null },
    interval: { assortativity: range(r), eiIndex: range(ei), pairAcrossShare: across.length ? range(across) : null },
    p: (1 + atLeast) / (1 + permutations),
  };
}

/** One year's ties paper by paper (node indices into `label`), for resampling papers. */
export interface PaperTies {
  x: Int32Array;
  y: Int32Array;
  /** starts[p]..starts[p+1] are paper p's ties; starts.length = papers + 1. */
  starts: Int32Array;
  label: Int32Array;
  countries: number;
}

/**
 * Bootstrap replicates of the assortativity: the year's papers resampled with replacement `replicates`
 * times (seeded), each replicate's ties pooled. Gives the sampling uncertainty of r for comparing years.
 */
export function bootstrapAssortativity(ties: PaperTies, replicates: number, seed: number): number[] {
  const papers = ties.starts.length - 1;
  const random = mulberry32(seed);
  const strength = new Float64Array(ties.countries);
  const values: number[] = [];
  if (papers <= 0) return values;
  const sums = paperSums(ties);
  for (let b = 0; b < replicates; b++) {
    strength.fill(0);
    let total = 0;
    let within = 0;
    for (let k = 0; k < papers; k++) {
      const p = Math.floor(random() * papers);
      total += sums.ties[p];
      within += sums.within[p];
      for (let e = sums.starts[p]; e < sums.starts[p + 1]; e++) strength[sums.country[e]] += sums.count[e];
    }
    if (!(total > 0)) continue;
    let sumA2 = 0;
    for (const s of strength) sumA2 += (s / (2 * total)) ** 2;
    values.push(sumA2 < 1 ? (within / total - sumA2) / (1 - sumA2) : 0);
  }
  return values;
}

/**
 * Each paper's ties summed once: their number, the within-country ones, and the tie ends per country
 * (a sparse list). A replicate adds these up instead of walking every tie of every drawn paper; all
 * are integers, so the sums (and the figures) are the same to the bit in any order.
 */
function paperSums(ties: PaperTies) {
  const papers = ties.starts.length - 1;
  const count = new Int32Array(ties.countries);
  const used: number[] = [];
  const starts = new Int32Array(papers + 1);
  const countryList: number[] = [];
  const countList: number[] = [];
  const tieCount = new Float64Array(papers);
  const withinCount = new Float64Array(papers);
  for (let p = 0; p < papers; p++) {
    used.length = 0;
    let within = 0;
    for (let t = ties.starts[p]; t < ties.starts[p + 1]; t++) {
      const cx = ties.label[ties.x[t]];
      const cy = ties.label[ties.y[t]];
      if (count[cx]++ === 0) used.push(cx);
      if (count[cy]++ === 0) used.push(cy);
      if (cx === cy) within++;
    }
    tieCount[p] = ties.starts[p + 1] - ties.starts[p];
    withinCount[p] = within;
    for (const c of used) {
      countryList.push(c);
      countList.push(count[c]);
      count[c] = 0;
    }
    starts[p + 1] = countryList.length;
  }
  return { ties: tieCount, within: withinCount, starts, country: Int32Array.from(countryList), count: Int32Array.from(countList) };
}

/** 2.5% and 97.5% quantiles of a sample (linear interpolation). */
export function percentileInterval(values: number[]): [number, number] {
  const sorted = [...values].sort((x, y) => x - y);
  return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
}
