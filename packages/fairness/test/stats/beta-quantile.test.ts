/**
 * Issue 18, defect 6: Clopper–Pearson and Jeffreys limits (beta quantiles) against committed
 * reference values, to 1e-10, including x = 0, x = n, non-integer effective n and the extreme
 * levels that simultaneous intervals use.
 *
 * Route of the reference values (support/beta-reference.json): no Python or R here, so not
 * scipy's or R's qbeta; instead support/generate-beta-reference.ts computes them at 60
 * significant digits with decimal.js: the incomplete beta by its hypergeometric series (DLMF
 * 8.17.8), ln Γ by Stirling's series, the quantile by bisection then Newton. That code shares
 * nothing with src/stats/beta.ts (continued fraction, double precision), and it checks itself
 * against closed forms before writing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clopperPearson, jeffreys } from '../../src/stats/intervals.ts';
import { betaQuantile, regularizedBeta } from '../../src/stats/beta.ts';

interface Reference {
  x: string;
  n: string;
  confidence: string;
  clopperPearson: [string, string];
  jeffreys: [string, string];
}
const reference = JSON.parse(readFileSync(new URL('./support/beta-reference.json', import.meta.url), 'utf8')) as {
  cases: Reference[];
};

describe('beta quantiles against 60-digit reference values', () => {
  it('covers the edges the issue names', () => {
    const cases = reference.cases;
    expect(cases.some((c) => c.x === '0')).toBe(true);
    expect(cases.some((c) => c.x === c.n)).toBe(true);
    expect(cases.some((c) => !Number.isInteger(Number(c.n)))).toBe(true);
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  for (const c of reference.cases) {
    it(`x = ${c.x}, n = ${c.n} at ${c.confidence}`, () => {
      const x = Number(c.x),
        n = Number(c.n),
        alpha = 1 - Number(c.confidence);
      const cp = clopperPearson(x, n, alpha),
        jf = jeffreys(x, n, alpha);
      for (const [got, want] of [
        [cp[0], c.clopperPearson[0]],
        [cp[1], c.clopperPearson[1]],
        [jf[0], c.jeffreys[0]],
        [jf[1], c.jeffreys[1]],
      ] as const) {
        expect(Math.abs(got - Number(want))).toBeLessThanOrEqual(1e-10);
        // Relative too, for the tiny limits (0 of 100,000 has an upper limit of 3.7e-5).
        if (Number(want) > 0) expect(Math.abs(got / Number(want) - 1)).toBeLessThanOrEqual(1e-9);
      }
    });
  }

  it('inverts the incomplete beta it is built on', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [2, 3],
      [0.7, 1200],
      [5000, 4000],
    ]) {
      for (const p of [1e-6, 0.025, 0.5, 0.975])
        expect(regularizedBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 12);
    }
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(RangeError);
  });
});
