import { describe, expect, it } from 'vitest';
import { analyzeDrivers, DRIVERS_DEFAULTS } from '../../src/drivers/index.ts';
import { deriveSeed, mulberry32, sampleSorted } from '../../src/drivers/prng.ts';
import { proxyScenario } from './synthetic.ts';

// Above fitSampleLimit included rows the surrogate is fitted on a seeded subsample, while
// fidelity and attributions still cover every row.
describe('analyzeDrivers on more rows than the fit sample', () => {
  const n = DRIVERS_DEFAULTS.fitSampleLimit + 50_000;
  const big = proxyScenario(n, 7);
  const run = (seed: number, decisions = big.decisions) =>
    analyzeDrivers({ ...big, decisions, features: ['zip', 'income', 'noise'], rows: null, seed });

  it('fits on the subsample, measures on all rows, and stays stable across seeds', () => {
    const a = run(1);
    const b = run(2);
    for (const r of [a, b]) {
      expect(r.surrogate).toMatchObject({
        fitted: true,
        nFit: DRIVERS_DEFAULTS.fitSampleLimit,
        subsampled: true,
        converged: true,
      });
      if (r.surrogate.fitted) expect(r.surrogate.fidelity.n).toBe(n);
      expect(r.features[0].permutationImportance?.n).toBe(DRIVERS_DEFAULTS.permutationSample);
      expect(r.ranking).toEqual(['zip', 'income', 'noise']);
    }
    // Different subsamples: coefficients differ a little, not in substance.
    const coef = (r: typeof a, f: number) => r.features[f].coefficients[0].coefficient;
    expect(coef(a, 0)).not.toBe(coef(b, 0));
    expect(Math.abs(coef(a, 1) / coef(b, 1) - 1)).toBeLessThan(0.05);
    expect(run(1)).toEqual(a);
  }, 60_000);

  it('a rare decision class missed by the subsample falls back to fitting every row', () => {
    // The one positive row is chosen outside the seeded fit sample, so the sample is constant.
    const sample = new Set(sampleSorted(n, DRIVERS_DEFAULTS.fitSampleLimit, mulberry32(deriveSeed(1, 1))));
    let row = 123_457;
    while (sample.has(row)) row++;
    const rare = new Uint8Array(n);
    rare[row] = 1;
    const r = run(1, rare);
    expect(r.surrogate).toMatchObject({ fitted: true, nFit: n, subsampled: false });
    if (r.surrogate.fitted) expect(r.surrogate.fidelity.n).toBe(n);
  }, 60_000);
});
