import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HI_DIGITS, putKey, scoreOfKey, sortKeyed, type KeyedRows } from '../src/score-sort.ts';

/** Sorts the scores through putKey + sortKeyed with payload = row index; returns the payload order. */
function sortRows(values: readonly number[]): { order: number[]; keys: [number, number][] } {
  const v = Float64Array.from(values),
    n = v.length;
  const bits = new Uint32Array(v.buffer);
  const k: KeyedRows = { hi: new Uint32Array(n), lo: new Uint32Array(n), payload: Uint32Array.from(v.keys()) };
  const hist = new Uint32Array(HI_DIGITS);
  for (let i = 0; i < n; i++) putKey(v[i], bits, i, k.hi, k.lo, i, hist);
  sortKeyed(k, { hi: new Uint32Array(n), lo: new Uint32Array(n), payload: new Uint32Array(n) }, n, hist);
  return { order: Array.from(k.payload), keys: Array.from(k.hi, (h, i) => [h, k.lo[i]]) };
}

/** Stable order by numeric value (−0 and +0 equal): what the sort must produce. */
const expected = (values: readonly number[]) =>
  values.map((_, i) => i).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));

describe('score key sort (radix on the high word, runs ordered by the low word)', () => {
  it('orders negatives, zeros (±0 tie), subnormals, infinities and large values exactly and stably', () => {
    const v = [3.5, -2, 0, -0, 1e300, -1e-300, 0.1, 0.1, -Infinity, 2 ** -1074, Infinity, -0];
    const { order, keys } = sortRows(v);
    expect(order).toEqual([8, 1, 5, 2, 3, 11, 9, 6, 7, 0, 4, 10]);
    expect(keys[3]).toEqual(keys[4]); // 0 and −0
    expect(keys[4]).toEqual(keys[5]);
    expect(sortRows([]).order).toEqual([]);
  });

  it('orders long runs that share the high word by the low word (radix) and short ones (insertion)', () => {
    // 0.5 + k·2⁻⁴⁵ for k < 2¹⁰ all share the high 32 bits; repeats make ties inside the run
    const long = Array.from({ length: 300 }, (_, i) => 0.5 + ((i * 7919) % 211) * 2 ** -45);
    const short = Array.from({ length: 30 }, (_, i) => 0.25 + ((i * 13) % 17) * 2 ** -50);
    const v = [...long, ...short, -0.5 - 2 ** -44, -0.5, 7];
    expect(sortRows(v).order).toEqual(expected(v));
  });

  it('matches a stable comparison sort on arbitrary doubles with ties', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, 0.1, 1, -1),
      fc.integer({ min: -3, max: 3 }).map((k) => 0.5 + k * 2 ** -45),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 400 }), (v) => {
        expect(sortRows(v).order).toEqual(expected(v));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes a key back to its score (zeros as +0)', () => {
    const v = [-Infinity, -1e300, -2, -(2 ** -1074), -0, 0, 2 ** -1074, 0.1, 1, 1e300, Infinity];
    const { keys, order } = sortRows(v);
    expect(keys.map(([h, l]) => scoreOfKey(h, l))).toEqual(order.map((i) => (v[i] === 0 ? 0 : v[i])));
    expect(Object.is(scoreOfKey(keys[4][0], keys[4][1]), 0)).toBe(true);
  });
});
