import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairCounts } from '../src/pair-counts.ts';

describe('PairCounts', () => {
  it('holds, per pair, the sum of what was added to it (zeros kept), like a map keyed by the pair', () => {
    const add = fc.record({ outer: fc.constantFrom('a', 'b', 'c'), inner: fc.constantFrom('x', 'y'), delta: fc.integer({ min: -3, max: 3 }) });
    fc.assert(
      fc.property(fc.array(add, { maxLength: 50 }), (adds) => {
        const counts = new PairCounts();
        const expected = new Map<string, number>();
        for (const { outer, inner, delta } of adds) {
          counts.add(outer, inner, delta);
          expected.set(`${outer}/${inner}`, (expected.get(`${outer}/${inner}`) ?? 0) + delta);
        }
        const seen = new Map<string, number>();
        counts.forEach((outer, inner, count) => seen.set(`${outer}/${inner}`, count));
        expect(seen).toEqual(expected);
        for (const [key, value] of expected) expect(counts.get(...(key.split('/') as [string, string]))).toBe(value);
        expect(counts.get('never', 'seen')).toBe(0);
      }),
    );
  });
});
