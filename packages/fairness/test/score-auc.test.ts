import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAuc } from '../src/score-auc.ts';
import { looksContinuous, scoreLevels } from '../src/score-levels.ts';
import { AucSweep } from '../src/auc.ts';

/**
 * The row-index sort path as it was before the keyed sort (stable sort of the rows by score, ±0 tied;
 * each tie block adds its rows' weights per cell in row order, cells ascending): the new path must give
 * exactly its results, weighted or not.
 */
function rowSortAuc(
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  cell: Int32Array,
  nCells: number,
  cellToGroup: Int32Array[],
  groupCounts: number[],
  z: number,
) {
  const perCell = 1 + cellToGroup.length,
    cellSlots = new Int32Array(nCells * perCell);
  const bases: number[] = [];
  let nSlots = 1;
  cellToGroup.forEach((map, a) => {
    bases.push(nSlots);
    for (let c = 0; c < nCells; c++) cellSlots[c * perCell + 1 + a] = nSlots + map[c];
    nSlots += groupCounts[a];
  });
  const sweep = new AucSweep(cellSlots, perCell, nSlots);
  const rows = Array.from(scores.keys())
    .filter((i) => cell[i] >= 0 && !Number.isNaN(scores[i]))
    .sort((a, b) => scores[a] - scores[b]);
  const sq = new Float64Array(nCells * 2);
  for (const r of [...rows].sort((a, b) => a - b)) {
    const w = weights ? weights[r] : 1;
    sq[cell[r] * 2 + y[r]] += w * w;
  }
  const pos = new Float64Array(nCells),
    neg = new Float64Array(nCells);
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && scores[rows[j]] === scores[rows[i]]) j++;
    const block = rows.slice(i, j);
    for (const r of block) {
      const w = weights ? weights[r] : 1;
      if (y[r] === 1) pos[cell[r]] += w;
      else neg[cell[r]] += w;
    }
    const cells = Int32Array.from(new Set(block.map((r) => cell[r]))).sort();
    sweep.level(cells, cells.length, pos, neg, 0);
    pos.fill(0);
    neg.fill(0);
    i = j;
  }
  const all = sweep.finish(sq, nCells, z);
  // −0 + 0 = +0: the sort path reports zeros as +0
  const min = rows.length > 0 ? scores[rows[0]] + 0 : Infinity,
    max = rows.length > 0 ? scores[rows[rows.length - 1]] + 0 : -Infinity;
  return {
    overall: all[0],
    byAttribute: bases.map((b, a) => all.slice(b, b + groupCounts[a])),
    usable: rows.length,
    min,
    max,
  };
}

/** Brute-force Mann–Whitney AUC over all positive–negative pairs (pair weight w_i·w_j, ties ½). */
function bruteAuc(s: number[], y: number[], w: number[], keep: (i: number) => boolean): number | null {
  let num = 0,
    den = 0;
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

const rowWith = (w: fc.Arbitrary<number>) =>
  fc.record({
    cell: fc.integer({ min: -1, max: 5 }),
    y: fc.integer({ min: 0, max: 1 }),
    // few distinct values, both zeros, NaN (missing) and a wide range
    score: fc.oneof(
      fc.constantFrom(0, -0, 0.1, 0.5, 1, -3, NaN),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 9 }),
    ),
    w,
  });
// Weights are 0, 1 or in [1e-6, 5]. Weights whose products underflow (fast-check tries 5e-324)
// never reach scoreAuc: count-cells.ts excludes weights outside [1e-100, 1e100] other than 0
// (weights-range.test.ts).
const row = rowWith(fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 1e-6, max: 5, noNaN: true })));

function run(rows: { cell: number; y: number; score: number; w: number }[], weighted: boolean, limit: number) {
  const nCells = 6;
  const scores = Float64Array.from(rows, (r) => r.score),
    y = Uint8Array.from(rows, (r) => r.y);
  const cell = Int32Array.from(rows, (r) => r.cell),
    weights = weighted ? Float64Array.from(rows, (r) => r.w) : null;
  // two attributes: cells 0-2 / 3-5, and cell parity
  const byHalf = Int32Array.from({ length: nCells }, (_, c) => (c < 3 ? 0 : 1));
  const byParity = Int32Array.from({ length: nCells }, (_, c) => c % 2);
  return scoreAuc(scores, y, weights, cell, nCells, [byHalf, byParity], [2, 2], 1.96, limit);
}

describe('AUC in one pass for every group (few-distinct histogram and radix-sort paths)', () => {
  it("the histogram path gives exactly the sort path's AUC and intervals", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.boolean(), (rows, weighted) => {
        const viaLevels = run(rows, weighted, 1 << 16);
        const viaSort = run(rows, weighted, 0);
        expect(viaLevels).toEqual(viaSort);
      }),
      { numRuns: 300 },
    );
  });

  it('matches brute-force pair counting per group and overall', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 << 16 }),
        (rows, weighted, limit) => {
          const r = run(rows, weighted, limit);
          const s = rows.map((x) => x.score),
            y = rows.map((x) => x.y),
            w = rows.map((x) => (weighted ? x.w : 1));
          const check = (got: { value: number | null }, keep: (i: number) => boolean) => {
            const want = bruteAuc(s, y, w, keep);
            if (want === null || got.value === null) expect(got.value === null || want === null).toBe(true);
            else expect(got.value).toBeCloseTo(want, 9);
          };
          check(r.overall, (i) => rows[i].cell >= 0);
          check(r.byAttribute[0][1], (i) => rows[i].cell >= 3);
          check(r.byAttribute[1][0], (i) => rows[i].cell >= 0 && rows[i].cell % 2 === 0);
          expect(r.usable).toBe(rows.filter((x) => x.cell >= 0 && !Number.isNaN(x.score)).length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a zero-weight row in a tie block does not hide the other groups of that block (sort path)', () => {
    // Found by the properties once zero weights were drawn: cell 0 weighs 0, cell 3 has both classes.
    const rows = [
      { cell: 0, y: 0, score: 0, w: 0 },
      { cell: 3, y: 0, score: 0, w: 1e-6 },
      { cell: 3, y: 1, score: 0, w: 1e-6 },
    ];
    for (const limit of [0, 1 << 16]) {
      const r = run(rows, true, limit);
      expect(r.byAttribute[1][1]).toEqual({ value: 0.5, interval: [0, 1] });
      expect(r.byAttribute[1][0]).toEqual({ value: null, reason: 'single_class' });
    }
  });

  it('the histogram gives up past the limit and grows past its first table size', () => {
    const n = 5000;
    const scores = Float64Array.from({ length: n }, (_, i) => i % 3000),
      y = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const cell = new Int32Array(n);
    expect(scoreLevels(scores, y, null, cell, 1, 2999)).toBeNull();
    const l = scoreLevels(scores, y, null, cell, 1, 3000)!;
    expect(l.count).toBe(3000);
    expect(l.usable).toBe(n);
    expect(Array.from(l.values.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    // value 7 occurs at rows 7 and 3007: labels 1 and 1
    expect(l.hist[7 * 2 + 1]).toBe(2);
  });

  it("the keyed sort gives exactly the row-index sort's AUC and intervals (weighted or not)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.boolean(), (rows, weighted) => {
        const got = run(rows, weighted, 0);
        const scores = Float64Array.from(rows, (r) => r.score),
          y = Uint8Array.from(rows, (r) => r.y);
        const cell = Int32Array.from(rows, (r) => r.cell),
          weights = weighted ? Float64Array.from(rows, (r) => r.w) : null;
        const halves = Int32Array.from({ length: 6 }, (_, c) => (c < 3 ? 0 : 1)),
          parity = Int32Array.from({ length: 6 }, (_, c) => c % 2);
        expect(got).toEqual(rowSortAuc(scores, y, weights, cell, 6, [halves, parity], [2, 2], 1.96));
      }),
      { numRuns: 300 },
    );
  });

  it('continuous scores on 60,000 rows (some tied, some sharing the high word) match the row-index sort exactly', () => {
    let s = 12345;
    const rnd = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const n = 60_000,
      nCells = 12;
    const scores = new Float64Array(n),
      y = new Uint8Array(n),
      cell = new Int32Array(n),
      w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rnd();
      scores[i] =
        u < 0.05
          ? Math.round(u * 2000) / 100
          : u < 0.08
            ? 0.75 + Math.floor(rnd() * 300) * 2 ** -44
            : u < 0.1
              ? NaN
              : rnd();
      cell[i] = rnd() < 0.02 ? -1 : Math.floor(rnd() * nCells);
      y[i] = rnd() < 0.3 + 0.4 * (Number.isNaN(scores[i]) ? 0.5 : scores[i] % 1) ? 1 : 0;
      w[i] = 0.5 + rnd();
    }
    expect(looksContinuous(scores, cell)).toBe(true);
    const maps = [
      Int32Array.from({ length: nCells }, (_, c) => c % 4),
      Int32Array.from({ length: nCells }, (_, c) => c % 3),
    ];
    for (const weights of [null, w]) {
      const got = scoreAuc(scores, y, weights, cell, nCells, maps, [4, 3], 1.96);
      expect(got).toEqual(rowSortAuc(scores, y, weights, cell, nCells, maps, [4, 3], 1.96));
      expect(got.overall.value).toBeGreaterThan(0.5);
    }
  });

  it('guesses continuous scores from the first 16,384 scored rows only', () => {
    const n = 20_000,
      cell = new Int32Array(n);
    expect(
      looksContinuous(
        Float64Array.from({ length: n }, (_, i) => i / n),
        cell,
      ),
    ).toBe(true);
    expect(
      looksContinuous(
        Float64Array.from({ length: n }, (_, i) => (i % 1001) / 1000),
        cell,
      ),
    ).toBe(false);
    expect(
      looksContinuous(
        Float64Array.from({ length: 10_000 }, (_, i) => i),
        cell.subarray(0, 10_000),
      ),
    ).toBe(false);
  });
});
