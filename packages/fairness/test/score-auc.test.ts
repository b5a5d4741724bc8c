import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAuc } from '../src/score-auc.ts';
import { scoreLevels } from '../src/score-levels.ts';

/** Brute-force Mann–Whitney AUC over all positive–negative pairs (pair weight w_i·w_j, ties ½). */
function bruteAuc(s: number[], y: number[], w: number[], keep: (i: number) => boolean): number | null {
  let num = 0, den = 0;
  for (let i = 0; i < s.length; i++) {
    if (!keep(i) || y[i] !== 1 || Number.isNaN(s[i])) continue;
    for (let j = 0; j < s.length; j++) {
      if (!keep(j) || y[j] !== 0 || Number.isNaN(s[j])) continue;
      den += w[i] * w[j];
      num += w[i] * w[j] * (s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0);
    }
  }
  return den > 0 ? num / den : null;
}

const row = fc.record({
  cell: fc.integer({ min: -1, max: 5 }),
  y: fc.integer({ min: 0, max: 1 }),
  // few distinct values, both zeros, NaN (missing) and a wide range
  score: fc.oneof(fc.constantFrom(0, -0, 0.1, 0.5, 1, -3, NaN), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 9 })),
  w: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 5, noNaN: true })),
});

function run(rows: { cell: number; y: number; score: number; w: number }[], weighted: boolean, limit: number) {
  const nCells = 6;
  const scores = Float64Array.from(rows, (r) => r.score), y = Uint8Array.from(rows, (r) => r.y);
  const cell = Int32Array.from(rows, (r) => r.cell), weights = weighted ? Float64Array.from(rows, (r) => r.w) : null;
  // two attributes: cells 0-2 / 3-5, and cell parity
  const byHalf = Int32Array.from({ length: nCells }, (_, c) => (c < 3 ? 0 : 1));
  const byParity = Int32Array.from({ length: nCells }, (_, c) => c % 2);
  return scoreAuc(scores, y, weights, cell, nCells, [byHalf, byParity], [2, 2], 1.96, limit);
}

describe('AUC in one pass for every group (few-distinct histogram and radix-sort paths)', () => {
  it('the histogram path gives exactly the sort path\'s AUC and intervals', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 80 }), fc.boolean(), (rows, weighted) => {
      const viaLevels = run(rows, weighted, 1 << 16);
      const viaSort = run(rows, weighted, 0);
      expect(viaLevels).toEqual(viaSort);
    }), { numRuns: 300 });
  });

  it('matches brute-force pair counting per group and overall', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), fc.integer({ min: 0, max: 1 << 16 }), (rows, weighted, limit) => {
      const r = run(rows, weighted, limit);
      const s = rows.map((x) => x.score), y = rows.map((x) => x.y), w = rows.map((x) => (weighted ? x.w : 1));
      const check = (got: { value: number | null }, keep: (i: number) => boolean) => {
        const want = bruteAuc(s, y, w, keep);
        if (want === null || got.value === null) expect(got.value === null || want === null).toBe(true);
        else expect(got.value).toBeCloseTo(want, 9);
      };
      check(r.overall, (i) => rows[i].cell >= 0);
      check(r.byAttribute[0][1], (i) => rows[i].cell >= 3);
      check(r.byAttribute[1][0], (i) => rows[i].cell >= 0 && rows[i].cell % 2 === 0);
      expect(r.usable).toBe(rows.filter((x) => x.cell >= 0 && !Number.isNaN(x.score)).length);
    }), { numRuns: 200 });
  });

  it('the histogram gives up past the limit and grows past its first table size', () => {
    const n = 5000;
    const scores = Float64Array.from({ length: n }, (_, i) => i % 3000), y = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const cell = new Int32Array(n);
    expect(scoreLevels(scores, y, null, cell, 1, 2999)).toBeNull();
    const l = scoreLevels(scores, y, null, cell, 1, 3000)!;
    expect(l.count).toBe(3000);
    expect(l.usable).toBe(n);
    expect(Array.from(l.values.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    // value 7 occurs at rows 7 and 3007: labels 1 and 1
    expect(l.hist[7 * 2 + 1]).toBe(2);
  });
});
