import { describe, expect, it } from 'vitest';
import { analyzeDrivers } from '../../src/drivers/index.ts';
import { numbersIn, proxyScenario } from './synthetic.ts';

const base = proxyScenario(4000);
const run = (seed = 1, extra: Partial<Parameters<typeof analyzeDrivers>[0]> = {}) =>
  analyzeDrivers({ ...base, features: ['zip', 'income', 'noise'], rows: null, seed, ...extra });

describe('analyzeDrivers: a decision driven by a proxy of the protected attribute', () => {
  const res = run();
  const byName = (n: string) => res.features.find((f) => f.name === n)!;

  it('fits a faithful surrogate and ranks the drivers zip > income > noise', () => {
    expect(res.surrogate.fitted).toBe(true);
    if (!res.surrogate.fitted) return;
    expect(res.surrogate.converged).toBe(true);
    expect(res.surrogate.nFit).toBe(4000);
    expect(res.surrogate.subsampled).toBe(false);
    expect(res.surrogate.fidelity.n).toBe(4000);
    expect(res.surrogate.fidelity.agreement).toBeGreaterThan(0.9);
    expect(res.surrogate.fidelity.auc).toBeGreaterThan(0.95);
    expect(res.ranking).toEqual(['zip', 'income', 'noise']);
    expect(byName('noise').share).toBeLessThan(0.02);
    expect(res.features.reduce((s, f) => s + (f.share ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('measures zip as a strong proxy of group and noise as none', () => {
    const zip = res.proxies.find((p) => p.feature === 'zip')!;
    const noise = res.proxies.find((p) => p.feature === 'noise')!;
    expect(zip).toMatchObject({
      sensitive: 'group',
      n: 4000,
      featureLevels: 2,
      sensitiveLevels: 2,
      strong: true,
      reason: null,
    });
    expect(zip.cramersV).toBeGreaterThan(0.75);
    expect(zip.cramersV).toBeLessThan(0.85);
    expect(noise.cramersV).toBeLessThan(0.05);
    expect(noise.featureLevels).toBe(10);
    expect(noise.strong).toBe(false);
  });

  it('flags zip (rank 1) as a proxy driver for group; noise is not flagged', () => {
    expect(res.flags).toHaveLength(1);
    const zipV = res.proxies.find((p) => p.feature === 'zip')!.cramersV;
    expect(res.flags[0]).toMatchObject({
      kind: 'proxy_driver',
      feature: 'zip',
      rank: 1,
      attribute: 'group',
      association: zipV,
    });
    expect(res.flags[0].message).toContain('"zip" is driver #1');
  });

  it('attributions are exact: mean |centred contribution| recomputed from the coefficients', () => {
    const income = base.table.columns.get('income') as { values: Float64Array };
    const obs = Array.from(income.values).filter((v) => !Number.isNaN(v));
    const mean = obs.reduce((a, b) => a + b, 0) / obs.length;
    const f = byName('income');
    const perUnit = f.coefficients.find((c) => c.term === 'value')!.perRawUnit!;
    const miss = f.coefficients.find((c) => c.term === 'missing_indicator')!.coefficient;
    const contrib = Array.from(income.values, (v) => (Number.isNaN(v) ? miss : perUnit * (v - mean)));
    const cMean = contrib.reduce((a, b) => a + b, 0) / contrib.length;
    const expected = contrib.reduce((a, c) => a + Math.abs(c - cMean), 0) / contrib.length;
    expect(f.meanAbsContribution).toBeCloseTo(expected, 10);

    const zip = byName('zip');
    // Levels are listed most frequent first; look them up by name.
    const coef = (level: string) => zip.coefficients.find((c) => c.level === level)!.coefficient;
    const [a, b] = [coef('A'), coef('B')];
    const zipCodes = (base.table.columns.get('zip') as { codes: Int32Array }).codes;
    const pB = zipCodes.filter((c) => c === 1).length / zipCodes.length;
    const avg = (1 - pB) * a + pB * b;
    expect(zip.meanAbsContribution).toBeCloseTo((1 - pB) * Math.abs(a - avg) + pB * Math.abs(b - avg), 12);
    expect(zip.coefficients.map((c) => c.level).sort()).toEqual(['A', 'B']);
    expect(b).toBeGreaterThan(a);
  });

  it('permutation importance agrees with the ranking: zip costs most fidelity, noise ~nothing', () => {
    const pi = (n: string) => byName(n).permutationImportance!;
    expect(pi('zip').mean).toBeGreaterThan(0.2);
    expect(pi('income').mean).toBeGreaterThan(0.05);
    expect(Math.abs(pi('noise').mean)).toBeLessThan(0.01);
    expect(pi('zip')).toMatchObject({ repeats: 5, n: 4000 });
  });

  it('flags the protected attribute itself when it is a feature and drives decisions', () => {
    const r = analyzeDrivers({ ...base, features: ['group', 'income', 'noise'], rows: null, seed: 1 });
    expect(r.ranking[0]).toBe('group');
    expect(r.flags).toEqual([
      expect.objectContaining({
        kind: 'protected_attribute_driver',
        feature: 'group',
        rank: 1,
        attribute: 'group',
        association: 1,
      }),
    ]);
  });

  it('topK bounds the flagged drivers; a threshold above the association removes the proxy flag', () => {
    const withGroup = (topK: number) =>
      analyzeDrivers({ ...base, features: ['zip', 'income', 'noise', 'group'], rows: null, seed: 1, topK });
    // The decisions never read group, but it correlates with zip: the surrogate gives it ~4%.
    const five = withGroup(5);
    expect(five.ranking).toEqual(['zip', 'income', 'group', 'noise']);
    expect(five.flags.map((f) => [f.kind, f.feature, f.rank])).toEqual([
      ['proxy_driver', 'zip', 1],
      ['protected_attribute_driver', 'group', 3],
    ]);
    expect(withGroup(1).flags.map((f) => f.feature)).toEqual(['zip']);
    expect(run(1, { proxyThreshold: 0.9 }).flags).toEqual([]);
  });
});

describe('analyzeDrivers: determinism and serialisation', () => {
  it('same seed gives an identical result', () => {
    expect(run(5)).toEqual(run(5));
  });

  it('a different seed changes only the permutation importances, never the coefficients', () => {
    const a = run(5);
    const b = run(6);
    expect(b.features.map((f) => f.coefficients)).toEqual(a.features.map((f) => f.coefficients));
    expect(b.proxies).toEqual(a.proxies);
    expect(b.ranking).toEqual(a.ranking);
    expect(b.features.map((f) => f.permutationImportance)).not.toEqual(a.features.map((f) => f.permutationImportance));
  });

  it('round-trips through JSON unchanged, with every number finite', () => {
    const r = run(3);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    for (const [path, v] of numbersIn(r)) expect(Number.isFinite(v), path).toBe(true);
  });
});
