/**
 * Issue 18, defect 5: for every count, including 0 and n, every interval contains its estimate
 * (Wilson used to put the upper bound of n/n at 0.9999999999999999, and Katz collapsed 1/1 to [1, 1]).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clopperPearson,
  intervalLevel,
  jeffreys,
  katzRatio,
  moverRatio,
  newcombe,
  proportionInterval,
  wilson,
} from '../../src/stats/intervals.ts';
import { INTERVAL_METHODS } from '../../src/index.ts';

const z = 1.959963984540054;

describe('every interval contains its estimate', () => {
  it('single rates: every x in 0..n for n up to 120, every method, at 95 % and 99.99 %', () => {
    for (const method of INTERVAL_METHODS) {
      for (const alpha of [0.05, 1e-4]) {
        const level = intervalLevel(method, alpha);
        for (let n = 1; n <= 120; n++) {
          for (let x = 0; x <= n; x++) {
            const [lo, hi] = proportionInterval(x, n, level);
            const p = x / n;
            if (!(lo <= p && p <= hi && lo >= 0 && hi <= 1))
              throw new Error(`${method} ${x}/${n}: [${lo}, ${hi}] misses ${p}`);
          }
          expect(proportionInterval(n, n, level)[1]).toBe(1);
          expect(proportionInterval(0, n, level)[0]).toBe(0);
        }
      }
    }
  });

  it('weighted (non-integer) effective counts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const x = share * n;
          for (const method of INTERVAL_METHODS) {
            const [lo, hi] = proportionInterval(x, n, intervalLevel(method, 0.05));
            expect(lo).toBeLessThanOrEqual(x / n);
            expect(hi).toBeGreaterThanOrEqual(x / n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('differences (Newcombe) and ratios (Katz, MOVER-R), for all counts of two groups up to 25', () => {
    for (let n1 = 1; n1 <= 25; n1 += 3)
      for (let n2 = 1; n2 <= 25; n2 += 4) {
        for (let x1 = 0; x1 <= n1; x1++)
          for (let x2 = 0; x2 <= n2; x2++) {
            const p1 = x1 / n1,
              p2 = x2 / n2,
              w1 = wilson(x1, n1, z),
              w2 = wilson(x2, n2, z);
            const d = newcombe(p1, w1, p2, w2);
            expect(d[0] <= p1 - p2 && p1 - p2 <= d[1]).toBe(true);
            if (x2 === 0) continue;
            const k = katzRatio(x1, n1, x2, n2, z)!,
              m = moverRatio(p1, w1, p2, w2);
            expect(k[0] <= p1 / p2 && p1 / p2 <= k[1] && k[1] > k[0]).toBe(true);
            expect(m[0] <= p1 / p2 && p1 / p2 <= m[1]).toBe(true);
          }
      }
  });

  it('MOVER-R limits are where the MOVER interval of p1 − θ p2 touches 0', () => {
    const p1 = 0.3,
      p2 = 0.45,
      w1 = wilson(30, 100, z),
      w2 = wilson(90, 200, z);
    const [lo, hi] = moverRatio(p1, w1, p2, w2);
    const lowerOfDiff = (t: number) => p1 - t * p2 - Math.sqrt((p1 - w1[0]) ** 2 + t * t * (w2[1] - p2) ** 2);
    const upperOfDiff = (t: number) => p1 - t * p2 + Math.sqrt((w1[1] - p1) ** 2 + t * t * (p2 - w2[0]) ** 2);
    expect(lowerOfDiff(lo)).toBeCloseTo(0, 12);
    expect(upperOfDiff(hi)).toBeCloseTo(0, 12);
  });

  it('0/0 and 1/1: the edge intervals are the documented closed forms', () => {
    // Clopper–Pearson at x = 0: upper 1 − (α/2)^(1/n); at x = n: lower (α/2)^(1/n).
    expect(clopperPearson(0, 10, 0.05)[1]).toBeCloseTo(1 - 0.025 ** (1 / 10), 13);
    expect(clopperPearson(10, 10, 0.05)[0]).toBeCloseTo(0.025 ** (1 / 10), 13);
    expect(jeffreys(0, 10, 0.05)[0]).toBe(0);
    expect(jeffreys(10, 10, 0.05)[1]).toBe(1);
    expect(wilson(6, 6, z)[1]).toBe(1);
  });
});
