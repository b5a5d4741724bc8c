import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCells } from '../src/count-cells.ts';
import { Digest } from '../src/digest.ts';
import { binarySource } from '../src/columns.ts';

const row = fc.record({
  a: fc.integer({ min: -1, max: 3 }),
  b: fc.integer({ min: -1, max: 1 }),
  y: fc.integer({ min: -1, max: 1 }),
  p: fc.integer({ min: -1, max: 1 }),
});

describe('the fast counting pass', () => {
  it('hashes exactly the row keys the stored-key digest would (and recomputes the same cells)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), fc.boolean(), (rows, two) => {
        const col = (k: 'y' | 'p') =>
          binarySource(
            { kind: 'categorical', codes: Int32Array.from(rows, (r) => r[k]), levels: ['0', '1'] },
            ['1'],
            k,
            'labelPositive',
          );
        const sensitive = [{ name: 'a', codes: Int32Array.from(rows, (r) => r.a), levels: ['0', '1', '2', '3'] }];
        if (two) sensitive.push({ name: 'b', codes: Int32Array.from(rows, (r) => r.b), levels: ['0', '1'] });
        const cells = countCells(col('y'), col('p'), null, sensitive, 'group');
        // the key layout documented in compact-cells.ts: dense cell code × 4 + y·2 + ŷ, −1 label missing, −2 decision missing
        const keys = Int32Array.from(rows, (r) =>
          r.y < 0 ? -1 : r.p < 0 ? -2 : (((r.a + 1) * (two ? 3 : 1) + (two ? r.b + 1 : 0)) << 2) | (r.y << 1) | r.p,
        );
        expect(cells.rowDigest().hex()).toBe(new Digest().array(keys).hex());
        const cell = cells.cell();
        const included = rows.filter((r) => r.y >= 0 && r.p >= 0).length;
        expect(Array.from(cell).filter((c) => c >= 0).length).toBe(included);
        let total = 0;
        for (let q = 0; q < cells.rows.length; q++) total += cells.rows[q];
        expect(total).toBe(included);
        rows.forEach((r, i) => {
          if (cell[i] < 0) return;
          expect(Array.from(cells.cellLevels[cell[i]])).toEqual(
            two ? [r.a < 0 ? 4 : r.a, r.b < 0 ? 2 : r.b] : [r.a < 0 ? 4 : r.a],
          );
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reads numeric and categorical label columns alike', () => {
    const codes = Int32Array.of(1, 0, -1, 1),
      values = Float64Array.of(1, 0, NaN, 1);
    const fromCodes = binarySource({ kind: 'categorical', codes, levels: ['0', '1'] }, null, 'y', 'labelPositive');
    const fromValues = binarySource({ kind: 'numeric', values }, null, 'y', 'labelPositive');
    const decode = (s: typeof fromCodes) => Array.from(s.codes, (c) => s.lut[c + 1]);
    expect(decode(fromCodes)).toEqual([1, 0, 255, 1]);
    expect(decode(fromValues)).toEqual([1, 0, 255, 1]);
  });
});
