import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceeds, fitTrend } from '../src/trend.ts';

describe('fitTrend', () => {
  it('recovers the slope of a line exactly, per hour', () => {
    const t = [0, 60, 120, 180, 240];
    const y = t.map((s) => 100 + (5 / 3600) * s);
    const trend = fitTrend(t, y);
    expect(trend.slopePerHour).toBeCloseTo(5, 9);
    expect(trend.intercept).toBeCloseTo(100, 9);
    expect(trend.slopeStdErrPerHour).toBeCloseTo(0, 9);
  });

  it('does not call noise around a flat line growth, and does call a steady climb through the noise', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }), (noise) => {
        const t = noise.map((_, i) => i * 10);
        // flat: ±1 MB of noise; the bound is 30 MB/h
        const flat = fitTrend(
          t,
          noise.map((n) => 50 + n),
        );
        expect(exceeds(flat, 30)).toBe(false);
        // climbing 1 MB every 10 s = 360 MB/h through the same noise
        const climbing = fitTrend(
          t,
          noise.map((n, i) => 50 + i + n),
        );
        expect(exceeds(climbing, 30)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('needs three samples to say anything', () => {
    expect(exceeds(fitTrend([0, 1], [0, 100]), 1)).toBe(false);
  });
});
