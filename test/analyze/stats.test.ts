import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cagr,
  fisherExact,
  growthChangeTest,
  herfindahl,
  holm,
  lnGamma,
  mulberry32,
  normalCdf,
  twoProportionZ,
  twoSidedP,
  wilson,
} from '../../src/analyze/stats.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} != ${expected} (±${tolerance})`);

test('Wilson interval matches hand-computed values', () => {
  // 5/10: p = .5, z^2/n = .38416, center = .5, half = (1.96/1.38416) * sqrt(.025 + .009604) = .263411
  const [low, high] = wilson(5, 10);
  close(low, 0.236589);
  close(high, 0.763411);
  // 0/10: center = .19208/1.38416 = .138770 = half
  const [low0, high0] = wilson(0, 10);
  close(low0, 0);
  close(high0, 0.277540);
  // 10/10 mirrors 0/10
  const [low1, high1] = wilson(10, 10);
  close(low1, 1 - 0.277540);
  close(high1, 1);
  // 30/100: center = .319208/1.038416 = .307399, half = 1.887529 * sqrt(.0021 + .00009604) = .088453
  const [l, h] = wilson(30, 100);
  close(l, 0.218948, 1e-5);
  close(h, 0.395850, 1e-5);
  assert.deepEqual(wilson(0, 0), [0, 1]);
});

test('normal distribution helpers', () => {
  close(normalCdf(0), 0.5, 1e-7);
  close(normalCdf(1.96), 0.975002, 1e-6);
  close(normalCdf(-1.6448536), 0.05, 1e-6);
  close(twoSidedP(1.96), 0.049996, 1e-6);
});

test('two-proportion z-test matches a hand computation', () => {
  // 30/100 vs 20/100: pooled .25, se = sqrt(.25 * .75 * .02) = .0612372, z = .1 / .0612372 = 1.632993
  const result = twoProportionZ(30, 100, 20, 100);
  close(result?.z, 1.632993);
  close(result?.p, 0.102470, 1e-5);
  assert.equal(twoProportionZ(0, 10, 0, 10), null);
  assert.equal(twoProportionZ(1, 0, 1, 10), null);
});

test("Fisher's exact test matches textbook tables", () => {
  // Lady tasting tea: [[3,1],[1,3]]: P(3) = 16/70, P(4) = 1/70; two-sided = 2 * 17/70 = .485714
  close(fisherExact(3, 1, 1, 3), 34 / 70, 1e-9);
  // [[1,9],[11,3]] (Wikipedia example): two-sided p = 0.002759
  close(fisherExact(1, 9, 11, 3), 0.0027594, 1e-6);
  // Symmetric table: p = 1
  close(fisherExact(1, 2, 1, 2), 1, 1e-9);
  // Degenerate margins
  assert.equal(fisherExact(0, 0, 5, 5), 1);
  // Large table stays finite and in range
  const p = fisherExact(300, 700, 2000, 97000);
  assert.ok(p >= 0 && p < 1e-10);
});

test('lnGamma', () => {
  close(lnGamma(5), Math.log(24), 1e-12);
  close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12);
  close(lnGamma(101), 363.73937555556347, 1e-8);
});

test('Holm adjustment', () => {
  // sorted .005(x4=.02), .01(x3=.03), .03(x2=.06), .04(x1=.04 -> monotone .06)
  const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => close(adjusted[i], expected, 1e-12));
  assert.deepEqual(holm([null, 0.5]), [null, 0.5]);
  assert.deepEqual(holm([0.9, 0.8]), [1, 1]);
});

test('compound annual growth', () => {
  close(cagr(100, 121, 2), 0.1, 1e-12);
  assert.equal(cagr(0, 10, 3), null);
  assert.equal(cagr(10, 10, 0), null);
  close(cagr(10, 0, 2), -1, 1e-12);
});

test('growth-change test (delta method on log counts)', () => {
  // 100, 150, 180: g1 = ln 1.5 = .405465, g2 = ln 1.2 = .182322, d = -.223144
  // var = 1/180 + 4/150 + 1/100 = .0422222, z = -.223144 / .205480 = -1.085963, p = .277496
  const result = growthChangeTest([
    { t: 2016, value: 100, relVar: 1 / 100 },
    { t: 2017, value: 150, relVar: 1 / 150 },
    { t: 2018, value: 180, relVar: 1 / 180 },
  ]);
  assert.ok(result);
  close(result.earlierGrowth, 0.5, 1e-12);
  close(result.laterGrowth, 0.2, 1e-12);
  close(result.logChange, -0.223144, 1e-6);
  close(result.z, -1.085963, 1e-5);
  close(result.p, 0.277496, 1e-5);
  // A gap of two years annualises: 100 -> 121 over 2 years is +10% a year
  const gap = growthChangeTest([
    { t: 2014, value: 100, relVar: 0.01 },
    { t: 2016, value: 121, relVar: 1 / 121 },
    { t: 2017, value: 133.1, relVar: 1 / 133.1 },
  ]);
  close(gap?.earlierGrowth, 0.1, 1e-12);
  close(gap?.laterGrowth, 0.1, 1e-12);
  close(gap?.z, 0, 1e-9);
  assert.equal(growthChangeTest([{ t: 1, value: 0, relVar: 1 }, { t: 2, value: 1, relVar: 1 }, { t: 3, value: 2, relVar: 1 }]), null);
  assert.equal(growthChangeTest([{ t: 1, value: 1, relVar: 1 }]), null);
});

test('Herfindahl index and seeded PRNG', () => {
  close(herfindahl([1, 1, 2]), 0.375, 1e-12); // .25^2 + .25^2 + .5^2
  assert.equal(herfindahl([]), 0);
  const x = mulberry32(7);
  const y = mulberry32(7);
  const draws = Array.from({ length: 5 }, () => x());
  assert.deepEqual(draws, Array.from({ length: 5 }, () => y()));
  assert.ok(draws.every((d) => d >= 0 && d < 1));
});
