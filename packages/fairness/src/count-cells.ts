/**
 * The hot path: one pass over the rows assigns each row its intersection cell (the combination of
 * all sensitive values) and adds its weight to that cell's confusion counts. Every attribute's
 * groups and the overall row are sums of cells, so nothing else ever touches the rows again.
 */
import type { MissingSensitivePolicy } from './config-types.ts';
import { FairnessError } from './errors.ts';
import { MISSING } from './columns.ts';
import type { SensitiveCodes } from './sensitive.ts';

export interface CellCounts {
  /** Compact cell id per row; -1 for an excluded row. */
  cell: Int32Array;
  nCells: number;
  /** Per cell, the level index of each sensitive column (levels.length = missing). */
  cellLevels: Int32Array[];
  /** Per cell × (y*2+ŷ): Σw, Σw² and row counts. */
  w: Float64Array; w2: Float64Array; rows: Float64Array;
  excluded: { label: number; decision: number; weight: number; sensitive: number };
  missingPerColumn: number[];
}

const DENSE_LIMIT = 1 << 22;

export function countCells(y: Uint8Array, p: Uint8Array, weights: Float64Array | null, sensitive: readonly SensitiveCodes[],
  policy: MissingSensitivePolicy): CellCounts {
  const n = y.length, k = sensitive.length;
  const S = sensitive.map((s) => s.codes);
  const radix = sensitive.map((s) => s.levels.length + 1);
  const missingSlot = sensitive.map((s) => s.levels.length);
  const total = radix.reduce((a, b) => a * b, 1);
  const dense = total <= DENSE_LIMIT;
  const lut = dense ? new Int32Array(total).fill(-1) : null;
  const map = dense ? null : new Map<number, number>();
  const codesOfCell: number[] = [];
  let cap = 64;
  let w: Float64Array = new Float64Array(cap * 4), w2: Float64Array = new Float64Array(cap * 4), rows: Float64Array = new Float64Array(cap * 4);
  const cell = new Int32Array(n);
  const excluded = { label: 0, decision: 0, weight: 0, sensitive: 0 };
  const missingPerColumn = new Array<number>(k).fill(0);
  const dropMissing = policy === 'drop';
  rowLoop: for (let i = 0; i < n; i++) {
    const yi = y[i], pi = p[i];
    if (yi === MISSING) { excluded.label++; cell[i] = -1; continue; }
    if (pi === MISSING) { excluded.decision++; cell[i] = -1; continue; }
    let wi = 1;
    if (weights !== null) {
      wi = weights[i];
      if (!(wi >= 0 && wi < Infinity)) { excluded.weight++; cell[i] = -1; continue; }
    }
    let code = 0;
    for (let j = 0; j < k; j++) {
      let c = S[j][i];
      if (c < 0) {
        if (dropMissing) { missingPerColumn[j]++; excluded.sensitive++; cell[i] = -1; continue rowLoop; }
        if (policy === 'error') {
          throw new FairnessError('FAIR_ERR_MISSING_SENSITIVE', `sensitive column "${sensitive[j].name}" is missing a value in data row ${i + 1}`,
            { column: sensitive[j].name, row: i + 1 });
        }
        missingPerColumn[j]++;
        c = missingSlot[j];
      }
      code = code * radix[j] + c;
    }
    let id = lut !== null ? lut[code] : map!.get(code) ?? -1;
    if (id < 0) {
      id = codesOfCell.length;
      codesOfCell.push(code);
      if (lut !== null) lut[code] = id; else map!.set(code, id);
      if (id >= cap) {
        cap *= 4;
        w = grow(w, cap * 4); w2 = grow(w2, cap * 4); rows = grow(rows, cap * 4);
      }
    }
    cell[i] = id;
    const slot = id * 4 + yi * 2 + pi;
    w[slot] += wi; w2[slot] += wi * wi; rows[slot] += 1;
  }
  const nCells = codesOfCell.length;
  const cellLevels = codesOfCell.map((code) => {
    const lv = new Int32Array(k);
    for (let j = k - 1; j >= 0; j--) { lv[j] = code % radix[j]; code = Math.floor(code / radix[j]); }
    return lv;
  });
  return { cell, nCells, cellLevels, w, w2, rows, excluded, missingPerColumn };
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
