// Stratified 2x2 tables: the Cochran-Mantel-Haenszel test and the Mantel-Haenszel pooled odds ratio
// (with the Robins-Breslow-Greenland interval). Used by the field tests when papers of several
// venue-years are pooled, so that a field that is simply larger at a venue where the pair is also
// more frequent is not reported as over-represented. Tested against hand-computed tables in
// test/analyze/stratified.test.ts.
import { twoSidedP, Z95 } from './stats.js';

/** One stratum: [[a, b], [c, d]] = [[exposed & case, exposed & not], [other & case, other & not]]. */
export type Table2x2 = [number, number, number, number];

export interface MantelHaenszel {
  /** Strata that carry information (n >= 2). */
  strata: number;
  /** Observed and expected sum of a over the strata, and the summed hypergeometric variance. */
  observed: number;
  expected: number;
  variance: number;
  /** CMH statistic with Yates' continuity correction (as R's mantelhaen.test default), 1 df. */
  chi2: number;
  p: number;
  /** Mantel-Haenszel pooled odds ratio; null when undefined (0/0). Infinity when no stratum has b*c > 0. */
  oddsRatio: number | null;
  /** 95% Robins-Breslow-Greenland interval of the pooled odds ratio; null when undefined. */
  ci95: [number, number] | null;
}

/**
 * CMH test of H0: odds ratio 1 in every stratum, against a common shift. Null when no stratum has any
 * variance (every stratum lacks cases or lacks exposed papers): nothing can be tested.
 */
export function mantelHaenszel(tables: Table2x2[]): MantelHaenszel | null {
  let observed = 0;
  let expected = 0;
  let variance = 0;
  let strata = 0;
  let sumR = 0;
  let sumS = 0;
  let sumPR = 0;
  let sumPSQR = 0;
  let sumQS = 0;
  for (const [a, b, c, d] of tables) {
    const n = a + b + c + d;
    if (n < 2) continue;
    strata++;
    observed += a;
    expected += ((a + b) * (a + c)) / n;
    variance += ((a + b) * (c + d) * (a + c) * (b + d)) / (n * n * (n - 1));
    const r = (a * d) / n;
    const s = (b * c) / n;
    const p = (a + d) / n;
    const q = (b + c) / n;
    sumR += r;
    sumS += s;
    sumPR += p * r;
    sumPSQR += p * s + q * r;
    sumQS += q * s;
  }
  if (!(variance > 0)) return null;
  const deviation = Math.max(0, Math.abs(observed - expected) - 0.5);
  const chi2 = (deviation * deviation) / variance;
  const oddsRatio = sumS > 0 ? sumR / sumS : sumR > 0 ? Infinity : null;
  let ci95: [number, number] | null = null;
  if (sumR > 0 && sumS > 0) {
    const logVariance = sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
    const half = Z95 * Math.sqrt(logVariance);
    const log = Math.log(sumR / sumS);
    ci95 = [Math.exp(log - half), Math.exp(log + half)];
  }
  return { strata, observed, expected, variance, chi2, p: twoSidedP(Math.sqrt(chi2)), oddsRatio, ci95 };
}
