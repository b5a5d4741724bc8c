import { describe, expect, it } from 'vitest';
import { binNumeric, binOf, cutSearch, quantileCutpoints } from '../../src/drivers/quantile-bins.ts';

describe('quantile bins', () => {
  it('1..20 into deciles: cut points 2,4,...,18 and two values per bin', () => {
    const v = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const b = binNumeric(v, 10, null);
    expect(b.cutpoints).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(b.bins).toBe(10);
    expect(Array.from(b.codes)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  it('ties never split: a heavily tied feature gets fewer bins, equal values share one', () => {
    const v = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 2, 2, 3]);
    const b = binNumeric(v, 10, null);
    expect(b.cutpoints).toEqual([1, 2]); // 3 is the maximum: no empty top bin
    expect(Array.from(b.codes)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
  });

  it('missing values get their own bin after the observed ones; order of input does not matter', () => {
    const v = Float64Array.from([5, NaN, 1, 3, NaN, 2, 4]);
    const b = binNumeric(v, 4, null);
    // n = 5 observed: cut points at positions ceil(k*5/4) -> 2nd, 3rd, 4th smallest = 2, 3, 4
    expect(b.cutpoints).toEqual([2, 3, 4]);
    expect(b.hasMissing).toBe(true);
    expect(Array.from(b.codes)).toEqual([3, 4, 0, 1, 4, 0, 2]);
  });

  it('a constant feature is one bin; an all-missing one has no cut points', () => {
    expect(binNumeric(Float64Array.from([7, 7, 7]), 10, null).bins).toBe(1);
    expect(quantileCutpoints(Float64Array.from([NaN, NaN]), 10, null)).toEqual([]);
  });

  it('cut points from a subsample of positions', () => {
    const v = Float64Array.from([100, 1, 2, 3, 4, 5]);
    expect(quantileCutpoints(v, 2, Uint32Array.from([1, 2, 3, 4]))).toEqual([2]);
  });
});

describe('branch-free cut search', () => {
  it('agrees with counting the cut points below v, for every number of cut points 0..20', () => {
    for (let k = 0; k <= 20; k++) {
      const cuts = Array.from({ length: k }, (_, i) => i * 2 + 1); // 1, 3, 5, ...
      const { padded, top } = cutSearch(cuts);
      for (let v = -1; v <= 2 * k + 2; v += 0.5) {
        expect(binOf(v, padded, top)).toBe(cuts.filter((c) => v > c).length);
      }
    }
  });
});
