import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '../src/index.ts';
import { betweenGroupGei, coefficientOfVariation, gei, geiOfMasses } from '../src/inequality-index.ts';
import { tallyFromCounts } from '../src/tally.ts';

// AIF360 tests/test_classification_metric.py vectors
const labels = [1, 0, 0, 1, 0, 0, 1, 0, 1, 1];
const flipped = labels.map((v, i) => ([3, 9].includes(i) ? 0 : [4, 5].includes(i) ? 1 : v));
const run = (preds: number[], geiAlpha = 2) =>
  audit(tableFromColumns({ g: labels.map(() => 'all'), y: labels, p: preds }), {
    label: 'y',
    prediction: 'p',
    sensitive: ['g'],
    geiAlpha,
  });

describe('generalized entropy index (AIF360 values)', () => {
  it('GEI(2) = 0.2 and Theil = 4·ln2/10', () => {
    const r = run(flipped);
    expect(r.inequality.gei.value).toBeCloseTo(0.2, 14);
    expect(r.inequality.theil.value).toBeCloseTo((4 * Math.LN2) / 10, 14);
    expect(r.inequality.coefficientOfVariation.value).toBeCloseTo(Math.sqrt(0.4), 14);
  });
  it('GEI(2) = 0.3 for preds [0,1,1,0,0,0,0,1,1,1]', () => {
    expect(run([0, 1, 1, 0, 0, 0, 0, 1, 1, 1]).inequality.gei.value).toBeCloseTo(0.3, 14);
  });
  it('alpha 0 with a zero benefit is undefined; alpha 0.5 and alpha -1 by hand', () => {
    expect(run(flipped, 0).inequality.gei).toEqual({
      value: null,
      reason: 'alpha_undefined_with_zero_benefit',
      alpha: 0,
    });
    const t = tallyFromCounts('x', {}, { tp: 3, tn: 3, fp: 2, fn: 2 });
    expect(gei(t, 0.5).value).toBeCloseTo((6 * 0 + 2 * (Math.SQRT2 - 1) + 2 * -1) / (10 * 0.5 * -0.5), 14);
    expect(gei(t, -1)).toEqual({ value: null, reason: 'alpha_undefined_with_zero_benefit' });
    const noZero = tallyFromCounts('x', {}, { tp: 3, tn: 3, fp: 4, fn: 0 });
    const mu = (6 + 8) / 10;
    expect(gei(noZero, 0).value).toBeCloseTo(-(6 * Math.log(1 / mu) + 4 * Math.log(2 / mu)) / 10, 14);
  });
  it('degenerate inputs: empty and all-zero benefit', () => {
    expect(geiOfMasses([], 2)).toEqual({ value: null, reason: 'empty_group' });
    expect(gei(tallyFromCounts('x', {}, { tp: 0, tn: 0, fp: 0, fn: 5 }), 2)).toEqual({
      value: null,
      reason: 'zero_mean',
    });
    expect(coefficientOfVariation(tallyFromCounts('x', {}, { tp: 0, tn: 0, fp: 0, fn: 5 }))).toEqual({
      value: null,
      reason: 'zero_mean',
    });
  });
  it('between-group GEI replaces b by the group mean: 1/20·Σ(b̄²−1)·n_g for α=2', () => {
    const a = tallyFromCounts('a', {}, { tp: 2, tn: 2, fp: 1, fn: 0 }); // b = 1,1,1,1,2: mean 6/5
    const b = tallyFromCounts('b', {}, { tp: 1, tn: 1, fp: 0, fn: 3 }); // mean b = 2/5
    const mu = (6 + 2) / 10;
    const expected = (5 * ((1.2 / mu) ** 2 - 1) + 5 * ((0.4 / mu) ** 2 - 1)) / (10 * 2);
    expect(expected).toBeCloseTo(0.125, 14);
    expect(betweenGroupGei([a, b], 2).value).toBeCloseTo(expected, 14);
  });
});
