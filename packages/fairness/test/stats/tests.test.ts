import { describe, expect, it } from 'vitest';
import { compareProportions, fisherExact, holm } from '../../src/stats/tests.ts';

describe('two-proportion tests', () => {
  it('z test on COMPAS FPRs (805/1795 vs 349/1488)', () => {
    const r = compareProportions(805, 1795, 349, 1488);
    expect(r.method).toBe('two_proportion_z');
    expect(r.statistic).toBeCloseTo(12.7802647, 6);
    expect(r.pValue / 2.1134897e-37).toBeCloseTo(1, 4);
  });
  it('switches to Fisher when an expected cell is below 5', () => {
    const r = compareProportions(3, 4, 1, 4);
    expect(r.method).toBe('fisher_exact');
    expect(r.statistic).toBeNull();
    expect(r.pValue).toBeCloseTo(0.4857143, 6);
  });
  it('identical all-zero proportions are not significant', () => {
    expect(compareProportions(0, 50, 0, 60).pValue).toBe(1);
  });
});

describe('Fisher exact (two-sided, R convention)', () => {
  it("Fisher's tea tasting [[3,1],[1,3]] p = 0.4857", () => {
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(34 / 70, 10);
  });
  it('[[10,0],[0,10]] p = 2/C(20,10)', () => {
    expect(fisherExact(10, 10, 0, 10)).toBeCloseTo(2 / 184756, 12);
  });
  it('empty table gives 1', () => {
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
  });
});

describe('Holm', () => {
  it('adjusts step-down and keeps input order', () => {
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adj[3]).toBeCloseTo(0.02, 12);
    expect(adj[0]).toBeCloseTo(0.03, 12);
    expect(adj[2]).toBeCloseTo(0.06, 12);
    expect(adj[1]).toBeCloseTo(0.06, 12);
  });
  it('caps at 1 and handles an empty family', () => {
    expect(holm([0.6, 0.9])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });
});
