/**
 * From raw counts (dense by mixed-radix code, or sparse by first appearance) to compact cells in
 * code order, each row's compact cell id, and each cell's level per sensitive column.
 */
import type { SensitiveCodes } from './sensitive.ts';
import type { Digest } from './digest.ts';

/** Negative row keys: why the row was excluded. */
export const EXCLUDED = { label: -1, decision: -2, weight: -3, sensitive: -4 } as const;

export interface RawCells {
  /**
   * Per row: (cell code or sparse id) × 4 + y·2 + ŷ, or a negative EXCLUDED reason. Null when the
   * counting pass did not store it (the common case): `cellIds` then recomputes what it needs.
   */
  code: Int32Array | null;
  /** Per row the compact cell (toCell[key >> 2]) or −1 for an excluded row. */
  cellIds(toCell: Int32Array): Int32Array;
  /** A fresh digest that has absorbed every row key in order (see digest.ts). */
  rowDigest(): Digest;
  /** Sparse mode: the mixed-radix code of each id; null = dense (id = code). */
  ids: number[] | null;
  w: Float64Array;
  w2: Float64Array;
  rows: Float64Array;
  radix: number[];
  excluded: { label: number; decision: number; weight: number; sensitive: number };
}

export interface CellCounts {
  /** A fresh digest of every row's raw key (see RawCells.code); the input digest continues from it. */
  rowDigest(): Digest;
  /** Compact cell id per row, −1 for an excluded row (computed on first use: only scores and drivers need it). */
  cell(): Int32Array;
  nCells: number;
  /** Per cell, the level index of each sensitive column (levels.length = missing). */
  cellLevels: Int32Array[];
  /** Per cell × (y*2+ŷ): Σw, Σw² and row counts. */
  w: Float64Array;
  w2: Float64Array;
  rows: Float64Array;
  excluded: RawCells['excluded'];
  /** Included rows whose value in each sensitive column is missing (or dropped for it). */
  missingPerColumn: number[];
}

export function compactCells(raw: RawCells, sensitive: readonly SensitiveCodes[]): CellCounts {
  const slots = raw.rows.length / 4;
  const used: { id: number; code: number }[] = [];
  for (let id = 0; id < slots; id++) {
    if (raw.rows[id * 4] + raw.rows[id * 4 + 1] + raw.rows[id * 4 + 2] + raw.rows[id * 4 + 3] > 0) {
      used.push({ id, code: raw.ids === null ? id : raw.ids[id] });
    }
  }
  used.sort((a, b) => a.code - b.code);
  const nCells = used.length;
  const toCell = new Int32Array(slots).fill(-1);
  const w = new Float64Array(nCells * 4),
    w2 = new Float64Array(nCells * 4),
    rows = new Float64Array(nCells * 4);
  const k = sensitive.length;
  const missingPerColumn = new Array<number>(k).fill(0);
  const cellLevels = used.map(({ id, code }, cell) => {
    toCell[id] = cell;
    for (let q = 0; q < 4; q++) {
      w[cell * 4 + q] = raw.w[id * 4 + q];
      w2[cell * 4 + q] = raw.w2[id * 4 + q];
      rows[cell * 4 + q] = raw.rows[id * 4 + q];
    }
    const lv = new Int32Array(k);
    const cellRows = rows[cell * 4] + rows[cell * 4 + 1] + rows[cell * 4 + 2] + rows[cell * 4 + 3];
    for (let j = k - 1; j >= 0; j--) {
      const slot = code % raw.radix[j];
      code = Math.floor(code / raw.radix[j]);
      lv[j] = slot === 0 ? sensitive[j].levels.length : slot - 1;
      if (slot === 0) missingPerColumn[j] += cellRows;
    }
    return lv;
  });
  if (raw.excluded.sensitive > 0) countDropped(sensitive, raw.code!, missingPerColumn);
  let cell: Int32Array | null = null;
  const cellOf = () => (cell ??= raw.cellIds(toCell));
  return {
    rowDigest: raw.rowDigest,
    cell: cellOf,
    nCells,
    cellLevels,
    w,
    w2,
    rows,
    excluded: raw.excluded,
    missingPerColumn,
  };
}

/** Under the drop policy, rows dropped for a missing value still count as missing in that column. */
function countDropped(sensitive: readonly SensitiveCodes[], code: Int32Array, missing: number[]): void {
  sensitive.forEach((s, j) => {
    for (let i = 0; i < code.length; i++) if (code[i] === EXCLUDED.sensitive && s.codes[i] < 0) missing[j]++;
  });
}
