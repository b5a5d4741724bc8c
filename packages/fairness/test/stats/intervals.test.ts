import { describe, expect, it } from 'vitest';
import { katzRatio, newcombe, wilson } from '../../src/stats/intervals.ts';
import { erfc, logGamma, normalQuantile, twoSidedNormalP, zForConfidence } from '../../src/stats/normal.ts';

const z = zForConfidence(0.95);

describe('normal helpers', () => {
  it('z for 95 % is 1.959964 and quantiles are symmetric', () => {
    expect(z).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 7);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326347874, 7);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
  it('erfc and two-sided p-values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 6);
    expect(twoSidedNormalP(1.959963985)).toBeCloseTo(0.05, 6);
    // COMPAS FPR, African-American 805/1795 vs Caucasian 349/1488: z = 12.78, p ≈ 2.11e-37 (reference/fairness.md §5.2: ≈ 2e-37)
    expect(twoSidedNormalP(12.780264712128762) / 2.1134897389138606e-37).toBeCloseTo(1, 5);
  });
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.6256099082), 8);
  });
});

describe('Wilson', () => {
  it('0 of 10 and 5 of 10 (hand-computed)', () => {
    const a = wilson(0, 10, z);
    expect(a[0]).toBe(0);
    expect(a[1]).toBeCloseTo(0.2775328, 6);
    const b = wilson(5, 10, z);
    expect(b[0]).toBeCloseTo(0.2365931, 6);
    expect(b[1]).toBeCloseTo(0.7634069, 6);
    const c = wilson(10, 10, z);
    expect(c[1]).toBe(1);
    expect(c[0]).toBeCloseTo(1 - 0.2775328, 6);
  });
});

describe('Newcombe hybrid score', () => {
  it('reproduces Newcombe (1998) example: 56/70 − 48/80 = 0.2, CI [0.0524, 0.3339]', () => {
    const [lo, hi] = newcombe(0.8, wilson(56, 70, z), 0.6, wilson(48, 80, z));
    expect(lo).toBeCloseTo(0.052431, 5);
    expect(hi).toBeCloseTo(0.333873, 5);
  });
});

describe('Katz log ratio', () => {
  it('10/100 ÷ 20/100 = 0.5 with CI [0.2466, 1.0136]', () => {
    const [lo, hi] = katzRatio(10, 100, 20, 100, z)!;
    expect(lo).toBeCloseTo(0.246641, 5);
    expect(hi).toBeCloseTo(1.01362, 5);
  });
  it('adds 0.5 to every cell of the 2×2 table when one is empty, and keeps the estimate 0 inside', () => {
    // (0.5/11)/(5.5/21), se = sqrt(1/0.5 − 1/11 + 1/5.5 − 1/21): upper = 2.858728; lower is the estimate, 0.
    const [lo, hi] = katzRatio(0, 10, 5, 20, z)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(2.858728, 5);
  });
  it('has width when both rates are 1 (20/20 over 20/20: se = sqrt(2(1/20.5 − 1/21)))', () => {
    const [lo, hi] = katzRatio(20, 20, 20, 20, z)!;
    expect(lo).toBeCloseTo(0.909861, 5);
    expect(hi).toBeCloseTo(1.099068, 5);
  });
  it('is undefined for an empty denominator', () => {
    expect(katzRatio(1, 0, 1, 10, z)).toBeNull();
  });
});
