// Small, pure statistics used by the analytics. Each is tested against hand-computed values in
// test/analyze/stats.test.ts; no statistics package is involved.

/** 95% two-sided normal quantile. */
export const Z95 = 1.959963984540054;

/** Complementary error function (Numerical Recipes `erfcc`, fractional error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Wilson score interval for a proportion x/n (default 95%, z = 1.96). `x` may be fractional (used for
 * fractional counts: a mean of values in [0, 1] has variance at most p(1-p)/n, so the interval is
 * conservative). With n = 0 the proportion is unknown: [0, 1].
 */
export function wilson(x: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  const p = Math.min(1, Math.max(0, x / n));
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

export interface ZTest {
  z: number;
  p: number;
}

/**
 * Two-proportion z-test with pooled variance: H0 x1/n1 = x2/n2. Returns z (positive when the first
 * proportion is larger) and the two-sided p; null when either sample is empty or the pooled
 * proportion is 0 or 1 (no variance).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { z, p: twoSidedP(z) };
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; relative error about 1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/**
 * Fisher's exact test on the 2x2 table [[a, b], [c, d]], two-sided: the sum of the hypergeometric
 * probabilities of all tables with the same margins that are no more likely than the observed one.
 * Linear in the size of the support (at most min(a+b, a+c) + 1 terms), via the ratio recurrence.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const low = Math.max(0, row1 + col1 - n);
  const high = Math.min(row1, col1);
  if (high <= low) return 1;
  // log P(X = x) for x = low..high, from log P(low) and P(x+1)/P(x) = (row1-x)(col1-x) / ((x+1)(n-row1-col1+x+1)).
  const logP = new Float64Array(high - low + 1);
  logP[0] = lnChoose(row1, low) + lnChoose(n - row1, col1 - low) - lnChoose(n, col1);
  for (let x = low; x < high; x++) {
    logP[x - low + 1] = logP[x - low] + Math.log(((row1 - x) * (col1 - x)) / ((x + 1) * (n - row1 - col1 + x + 1)));
  }
  const observed = logP[a - low];
  const threshold = observed + 1e-7; // relative tolerance for ties of equal probability
  let p = 0;
  for (const value of logP) if (value <= threshold) p += Math.exp(value - observed);
  return Math.min(1, p * Math.exp(observed));
}

/**
 * Holm-Bonferroni step-down adjustment: adjusted p-values in the input order. Controls the
 * family-wise error rate over the m tests. Non-finite inputs are kept as they are and not counted.
 */
export function holm(pValues: Array<number | null>): Array<number | null> {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null && Number.isFinite(entry.p))
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const m = tested.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = 0;
  tested.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}

/** Compound annual growth rate from `first` to `last` over `years` years; null when undefined. */
export function cagr(first: number, last: number, years: number): number | null {
  if (!(first > 0) || !(last >= 0) || !(years > 0)) return null;
  return (last / first) ** (1 / years) - 1;
}

export interface GrowthChangeTest {
  /** Annualised growth rate over the earlier interval (e.g. 0.25 = +25% a year). */
  earlierGrowth: number;
  /** Annualised growth rate over the later interval. */
  laterGrowth: number;
  /** Difference of the annualised log growth rates (later - earlier): negative = slowing. */
  logChange: number;
  z: number;
  p: number;
}

/**
 * Did growth change between two consecutive intervals? For three observations y0, y1, y2 at times
 * t0 < t1 < t2, with log growth rates g1 = ln(y1/y0)/(t1-t0) and g2 = ln(y2/y1)/(t2-t1), tests
 * H0: g2 = g1 by the delta method. `relVar` gives the variance of ln(y_i) for each observation:
 * 1/count for Poisson counts, (1-p)/x for a binomial share p = x/n. Null when an observation is 0.
 */
export function growthChangeTest(
  points: Array<{ t: number; value: number; relVar: number }>,
): GrowthChangeTest | null {
  if (points.length !== 3) return null;
  const [p0, p1, p2] = points;
  if (!(p0.value > 0 && p1.value > 0 && p2.value > 0)) return null;
  const s1 = p1.t - p0.t;
  const s2 = p2.t - p1.t;
  if (!(s1 > 0 && s2 > 0)) return null;
  const g1 = Math.log(p1.value / p0.value) / s1;
  const g2 = Math.log(p2.value / p1.value) / s2;
  const d = g2 - g1;
  const variance = p2.relVar / (s2 * s2) + p1.relVar * (1 / s2 + 1 / s1) ** 2 + p0.relVar / (s1 * s1);
  if (!(variance > 0)) return null;
  const z = d / Math.sqrt(variance);
  return { earlierGrowth: Math.exp(g1) - 1, laterGrowth: Math.exp(g2) - 1, logChange: d, z, p: twoSidedP(z) };
}

/** Herfindahl-Hirschman index of a distribution given as counts (sum of squared shares, 0..1). */
export function herfindahl(counts: number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  if (!(total > 0)) return 0;
  return counts.reduce((s, c) => s + (c / total) ** 2, 0);
}

/** Seeded PRNG (mulberry32): deterministic numbers in [0, 1) for Louvain. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable, locale-independent string order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds a float for summary.json to 12 significant digits (removes 0.30000000000000004, keeps tiny p-values). */
export function round(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(12));
}
