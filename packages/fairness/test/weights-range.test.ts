import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns, type AuditResult } from '../src/index.ts';

const base = {
  g: ['a', 'a', 'a', 'a', 'b', 'b', 'b'],
  y: [1, 1, 0, 0, 1, 0, 0],
  s: [0.9, 0.6, 0.6, 0.2, 0.3, 0.8, 0.1],
  p: [1, 1, 0, 1, 0, 1, 0],
};
const cfg = {
  label: 'y',
  prediction: 'p',
  score: 's',
  threshold: 0.5,
  sensitive: ['g'],
  minGroupSize: 0,
  minDenominator: 0,
  calibrationBins: 2,
  weights: 'w',
};
const run = (w: number[], g = base.g) => audit(tableFromColumns({ ...base, g, w }), cfg);
const EXCLUDED = 'weight missing, negative, not finite, or outside [1e-100, 1e100] and not 0';

/** What must not depend on the weights' scale: rates, intervals, effective sizes, AUC, criteria. */
function scaleFree(r: AuditResult) {
  return r.attributes.map((a) => ({
    groups: a.groups.map((g) => ({
      eff: g.effectiveN,
      auc: g.auc,
      rates: Object.fromEntries(
        Object.entries(g.rates).map(([k, v]) => [
          k,
          v.value === null ? v.reason : { value: v.value, interval: v.interval },
        ]),
      ),
    })),
    criteria: a.criteria.map((c) => c.value),
  }));
}

describe('weights and their range', () => {
  it('rescaling every weight by a power of two changes only the weighted counts, which scale exactly', () => {
    const weights = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.25, max: 4, noNaN: true })), {
      minLength: 7,
      maxLength: 7,
    });
    const groups = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(weights, groups, fc.integer({ min: -300, max: 300 }), (w, g, k) => {
        fc.pre(w.some((x) => x > 0));
        const plain = run(w, g);
        const scaled = run(
          w.map((x) => x * 2 ** k),
          g,
        );
        expect(scaleFree(scaled)).toEqual(scaleFree(plain));
        expect(scaled.attributes[0]!.groups.map((x) => x.n)).toEqual(
          plain.attributes[0]!.groups.map((x) => x.n * 2 ** k),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('uniformly tiny weights (1e-200, whose squares underflow) are excluded with their reason instead of giving an effective size of 0', () => {
    expect(() => run(base.g.map(() => 1e-200))).toThrow(
      /every row was excluded \(weight missing, negative, not finite, or outside/,
    );
  });

  it('a few weights far below the rest are excluded; the rest give finite intervals', () => {
    const r = run([1e-300, 1, 1e-300, 1, 1, 1, 1]);
    expect(r.provenance.excluded).toContainEqual({ reason: EXCLUDED, rows: 2 });
    const a = r.attributes[0]!.groups.find((x) => x.key === 'a')!;
    expect(a.effectiveN).toBe(2);
    const tpr = a.rates.tpr!;
    expect(tpr.value === null ? tpr.reason : tpr.interval.every(Number.isFinite)).toBe(true);
  });

  it('zero weights stay in (they count as rows with no weight) and huge ones are excluded', () => {
    const r = run([0, 1, 1, 1, 1e101, 1, 1]);
    expect(r.provenance.excluded).toContainEqual({ reason: EXCLUDED, rows: 1 });
    expect(r.attributes[0]!.groups.find((x) => x.key === 'a')!.rows).toBe(4);
  });
});
