// Has growth changed? A log-linear model with a break: log E[y_t] = offset_t + a + b1 * min(t - k, 0)
// + b2 * max(t - k, 0), where k is the second-to-last year of the series, so b1 is the average log
// growth rate up to k and b2 the rate over the last interval. The test is on b2 - b1 (the log of the
// ratio of the two annual growth factors), with quasi-likelihood overdispersion: the variance is
// phi x V(mu), phi = max(1, Pearson X^2 / (n - 3)), and the reference distribution is Student's t
// with n - 3 degrees of freedom. With three years the model is saturated, phi cannot be estimated and
// the test falls back to the plain Poisson/binomial variance with a normal reference (said so).
//
// counts: y = collaboration papers, V(mu) = mu (quasi-Poisson), no offset.
// share:  y = collaboration papers, offset ln(papers), V(mu) = mu (1 - mu / papers) (quasi-binomial,
//         log link): the same growth rates, on the share of papers, so conference size is adjusted.
import { studentTwoSidedP, studentQuantile } from './student.js';
import { twoSidedP, Z95 } from './stats.js';

export interface GrowthPoint {
  t: number;
  /** Collaboration papers that year. */
  y: number;
  /** In-scope papers that year (the share model's denominator). */
  n: number;
}

export interface GrowthModelFit {
  /** First year, break year (k) and last year. */
  years: [number, number, number];
  /** Annual growth rates exp(b) - 1 before and after the break. */
  earlierGrowth: number;
  laterGrowth: number;
  /** b2 - b1: the log of the ratio of annual growth factors (negative = slowing). */
  logChange: number;
  /** exp(b2 - b1) and its 95% interval. */
  ratio: number;
  ratioCi95: [number, number];
  /** Statistic (t or z) and its two-sided p. */
  statistic: number;
  p: number;
  /** Residual degrees of freedom (n - 3); 0 for three years. */
  df: number;
  /** Pearson X^2 / df; null when df = 0. The test uses max(1, dispersion). */
  dispersion: number | null;
}

/** Solves the 3x3 symmetric system m x = v (Gaussian elimination); null when singular. */
function solve3(m: number[][], v: number[]): number[] | null {
  const a = m.map((row, i) => [...row, v[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (!(Math.abs(a[pivot][col]) > 1e-300)) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c < 4; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row[3] / row[i]);
}

/** Fits the break model by iteratively reweighted least squares; null when it does not converge (e.g. a zero last year). */
export function growthChangeModel(points: GrowthPoint[], basis: 'papers' | 'share'): GrowthModelFit | null {
  const n = points.length;
  if (n < 3) return null;
  const k = points[n - 2].t;
  const rows = points.map((p) => [1, Math.min(p.t - k, 0), Math.max(p.t - k, 0)]);
  const offset = points.map((p) => (basis === 'share' ? Math.log(p.n) : 0));
  if (offset.some((o) => !Number.isFinite(o))) return null;
  const variance = (mu: number, p: GrowthPoint) => (basis === 'share' ? mu * (1 - mu / p.n) : mu);
  let mu = points.map((p) => Math.max(p.y, 0.5));
  if (basis === 'share') mu = mu.map((m, i) => Math.min(m, points[i].n * 0.999));
  let beta: number[] = [0, 0, 0];
  let information: number[][] = [];
  let converged = false;
  for (let iteration = 0; iteration < 100; iteration++) {
    const xtwx = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    const xtwz = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = variance(mu[i], points[i]);
      if (!(v > 0)) return null;
      const w = (mu[i] * mu[i]) / v;
      const z = Math.log(mu[i]) - offset[i] + (points[i].y - mu[i]) / mu[i];
      for (let r = 0; r < 3; r++) {
        xtwz[r] += rows[i][r] * w * z;
        for (let c = 0; c < 3; c++) xtwx[r][c] += rows[i][r] * w * rows[i][c];
      }
    }
    const next = solve3(xtwx, xtwz);
    if (!next || next.some((b) => !Number.isFinite(b))) return null;
    information = xtwx;
    const step = Math.max(...next.map((b, i) => Math.abs(b - beta[i])));
    beta = next;
    mu = rows.map((row, i) => Math.exp(offset[i] + row[0] * beta[0] + row[1] * beta[1] + row[2] * beta[2]));
    if (mu.some((m, i) => !(m > 1e-9) || (basis === 'share' && !(m < points[i].n)))) return null;
    if (step < 1e-10) {
      converged = true;
      break;
    }
  }
  if (!converged) return null;
  // Var(b2 - b1) = c' (X'WX)^-1 c with c = (0, -1, 1), from the last iteration's information.
  const u = solve3(information, [0, -1, 1]);
  if (!u) return null;
  const contrastVariance = u[2] - u[1];
  if (!(contrastVariance > 0)) return null;
  const df = n - 3;
  let pearson = 0;
  for (let i = 0; i < n; i++) pearson += (points[i].y - mu[i]) ** 2 / variance(mu[i], points[i]);
  const dispersion = df > 0 ? pearson / df : null;
  const phi = Math.max(1, dispersion ?? 1);
  const logChange = beta[2] - beta[1];
  const se = Math.sqrt(phi * contrastVariance);
  const statistic = logChange / se;
  const p = df > 0 ? studentTwoSidedP(statistic, df) : twoSidedP(statistic);
  const q = df > 0 ? studentQuantile(0.975, df) : Z95;
  return {
    years: [points[0].t, k, points[n - 1].t],
    earlierGrowth: Math.expm1(beta[1]),
    laterGrowth: Math.expm1(beta[2]),
    logChange,
    ratio: Math.exp(logChange),
    ratioCi95: [Math.exp(logChange - q * se), Math.exp(logChange + q * se)],
    statistic,
    p,
    df,
    dispersion,
  };
}
