// CMH, the Mantel-Haenszel odds ratio, Student's t and the quasi-Poisson growth test, against values
// worked out by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mantelHaenszel } from '../../src/analyze/stratified.js';
import { studentQuantile, studentTwoSidedP } from '../../src/analyze/student.js';
import { growthChangeModel } from '../../src/analyze/growth-model.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} != ${expected}`);

test('CMH on two strata, by hand', () => {
  // Stratum 1 [[10, 20], [30, 140]], n = 200: E[a] = 30 * 40 / 200 = 6, Var = 30*170*40*160 / (200^2 * 199) = 4.1005025.
  // Stratum 2 [[5, 45], [5, 45]], n = 100: E[a] = 50 * 10 / 100 = 5, Var = 50*50*10*90 / (100^2 * 99) = 2.2727273.
  // O = 15, E = 11; chi2 = (|15 - 11| - 0.5)^2 / 6.3732298 = 1.9221024; p = P(chi2_1 > 1.9221) = 0.1656251.
  // MH OR = (10*140/200 + 5*45/100) / (20*30/200 + 45*5/100) = 9.25 / 5.25 = 1.7619048.
  const result = mantelHaenszel([
    [10, 20, 30, 140],
    [5, 45, 5, 45],
  ]);
  assert.ok(result);
  assert.equal(result.strata, 2);
  close(result.expected, 11, 1e-12);
  close(result.variance, 6.3732298, 1e-6);
  close(result.chi2, 1.9221024, 1e-6);
  close(result.p, 0.1656251, 1e-6);
  close(result.oddsRatio, 1.7619048, 1e-6);
  // RBG: sum P R / (2 R^2) + sum (P S + Q R) / (2 R S) + sum Q S / (2 S^2) = 0.1356171; exp(ln 1.7619 -+ 1.96 sqrt(.) ) = [0.856085, 3.626168].
  close(result.ci95?.[0], 0.856085, 1e-5);
  close(result.ci95?.[1], 3.626168, 1e-5);
});

test('CMH: strata without variance carry no information; a single stratum is the corrected chi-square', () => {
  // [[3, 0], [0, 0]] has no non-cases: no variance. [[2, 2], [2, 2]]: E = 2, O = 2, chi2 = 0, p = 1.
  const result = mantelHaenszel([
    [3, 0, 0, 0],
    [2, 2, 2, 2],
  ]);
  assert.ok(result);
  close(result.chi2, 0, 1e-12);
  close(result.p, 1, 1e-9);
  close(result.oddsRatio, 1, 1e-12);
  assert.equal(mantelHaenszel([[3, 0, 0, 0], [1, 0, 0, 0]]), null);
  assert.equal(mantelHaenszel([]), null);
});

test('Student t: closed forms for 1 and 2 degrees of freedom', () => {
  // df = 1 (Cauchy): P(|T| > t) = 1 - (2 / pi) atan(t); df = 2: 1 - t / sqrt(2 + t^2).
  close(studentTwoSidedP(1, 1), 0.5, 1e-12);
  close(studentTwoSidedP(3, 1), 1 - (2 / Math.PI) * Math.atan(3), 1e-12);
  close(studentTwoSidedP(1.5, 2), 1 - 1.5 / Math.sqrt(4.25), 1e-12);
  close(studentQuantile(0.975, 1), Math.tan(Math.PI * 0.475), 1e-8); // 12.7062
  close(studentQuantile(0.975, 2), 4.302653, 1e-6);
  // Large df tends to the normal: 1.96 -> p ~ 0.05.
  close(studentTwoSidedP(1.959964, 1e7), 0.05, 1e-5);
});

test('growth model with three years is the delta-method test on log counts (Poisson) and log shares (binomial)', () => {
  const points = [
    { t: 2016, y: 100, n: 1000 },
    { t: 2017, y: 150, n: 1000 },
    { t: 2018, y: 180, n: 1000 },
  ];
  // Counts: d = ln(1.2) - ln(1.5) = -.223144, var = 1/180 + 4/150 + 1/100, z = -1.085963, p = .277496.
  const counts = growthChangeModel(points, 'papers');
  assert.ok(counts);
  close(counts.logChange, Math.log(1.2 / 1.5), 1e-9);
  close(counts.statistic, -1.085963, 1e-5);
  close(counts.p, 0.277496, 1e-5);
  assert.equal(counts.df, 0);
  assert.equal(counts.dispersion, null);
  close(counts.earlierGrowth, 0.5, 1e-9);
  close(counts.laterGrowth, 0.2, 1e-9);
  // Shares: var(ln p) = (1-p)/x: .82/180 + 4 * .85/150 + .9/100 = .0362222; z = -.223144 / .190321 = -1.172459.
  const share = growthChangeModel(points, 'share');
  assert.ok(share);
  close(share.statistic, -1.172459, 1e-5);
});

test('overdispersed growth: quasi-Poisson widens the test that Poisson calls significant', () => {
  // Years 1-3: 100, 160, 100 (break at 3): by symmetry the earlier fit is flat, mu = 120 each, b1 = 0.
  // Pearson X^2 = (400 + 1600 + 400) / 120 = 20 on df = 4 - 3 = 1: phi = 20.
  // Year 4: 240, fitted exactly: b2 = ln(240 / 120) = ln 2.
  // Var(b2 - b1) = 1/240 + Var(a + b1), X'WX = 120 [[3, -3], [-3, 5]] -> Var(a + b1) = (5 + 3 + 2*3) / 720.
  // Poisson se = sqrt(.0236111) = .153659 (z = 4.51, p < 1e-5); quasi se = sqrt(20 * .0236111) = .687184,
  // t = .693147 / .687184 = 1.008677 on 1 df: p = 1 - (2/pi) atan(1.008677) = .497250.
  const fit = growthChangeModel(
    [
      { t: 1, y: 100, n: 1000 },
      { t: 2, y: 160, n: 1000 },
      { t: 3, y: 100, n: 1000 },
      { t: 4, y: 240, n: 1000 },
    ],
    'papers',
  );
  assert.ok(fit);
  assert.deepEqual(fit.years, [1, 3, 4]);
  close(fit.earlierGrowth, 0, 1e-9);
  close(fit.laterGrowth, 1, 1e-9);
  close(fit.dispersion, 20, 1e-6);
  assert.equal(fit.df, 1);
  close(fit.statistic, 1.008677, 1e-5);
  close(fit.p, 0.49725, 1e-5);
  close(fit.ratio, 2, 1e-9);
  // 95% interval: exp(ln 2 -+ 12.7062 * .687184).
  close(fit.ratioCi95[0], 2 * Math.exp(-12.706205 * 0.6871843), 1e-6);
  // Underdispersed data never get a variance below Poisson's: phi = max(1, X^2 / df).
  const calm = growthChangeModel(
    [
      { t: 1, y: 100, n: 1000 },
      { t: 2, y: 101, n: 1000 },
      { t: 3, y: 100, n: 1000 },
      { t: 4, y: 240, n: 1000 },
    ],
    'papers',
  );
  assert.ok(calm && calm.dispersion !== null && calm.dispersion < 1);
  close(calm.statistic, Math.log(240 / (301 / 3)) / Math.sqrt(1 / 240 + 14 / (2 * 301)) /* 6 mu = 2 * 301 */, 1e-6);
});

test('growth model: a last year with no papers or fewer than three years gives no test', () => {
  assert.equal(growthChangeModel([{ t: 1, y: 5, n: 10 }, { t: 2, y: 6, n: 10 }, { t: 3, y: 0, n: 10 }], 'papers'), null);
  assert.equal(growthChangeModel([{ t: 1, y: 5, n: 10 }, { t: 2, y: 6, n: 10 }], 'papers'), null);
  // Zeros before the break make the earlier growth rate infinite: no fit, not a spurious verdict.
  assert.equal(growthChangeModel([{ t: 1, y: 0, n: 10 }, { t: 2, y: 0, n: 10 }, { t: 3, y: 5, n: 10 }, { t: 4, y: 9, n: 10 }], 'papers'), null);
  // A zero early in a longer series is fine: the fitted line passes above it.
  assert.ok(growthChangeModel([{ t: 1, y: 0, n: 10 }, { t: 2, y: 3, n: 10 }, { t: 3, y: 5, n: 10 }, { t: 4, y: 9, n: 10 }], 'papers'));
});
