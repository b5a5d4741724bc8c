/**
 * A group's confusion tally: per cell (index y*2 + ŷ: 0 = TN, 1 = FP, 2 = FN, 3 = TP) the row count,
 * the weight sum Σw and Σw² (for Kish's effective size). Without weights Σw = Σw² = rows.
 */
import type { ConfusionCounts } from './result-types.ts';

export const TN = 0,
  FP = 1,
  FN = 2,
  TP = 3;

export interface Tally {
  key: string;
  values: Record<string, string>;
  rows: number;
  w: [number, number, number, number];
  w2: [number, number, number, number];
}

export function emptyTally(key: string, values: Record<string, string>): Tally {
  return { key, values, rows: 0, w: [0, 0, 0, 0], w2: [0, 0, 0, 0] };
}

export function addInto(target: Tally, from: Tally): void {
  target.rows += from.rows;
  for (let c = 0; c < 4; c++) {
    target.w[c] += from.w[c];
    target.w2[c] += from.w2[c];
  }
}

export function sumCells(t: Tally, cells: readonly number[]): { w: number; w2: number } {
  let w = 0,
    w2 = 0;
  for (const c of cells) {
    w += t.w[c];
    w2 += t.w2[c];
  }
  return { w, w2 };
}

/** Kish effective sample size (Σw)²/Σw²; 0 for an empty set. */
export function kish(w: number, w2: number): number {
  return w2 > 0 ? (w * w) / w2 : 0;
}

export function countsOf(t: Tally): ConfusionCounts {
  return { tp: t.w[TP], fp: t.w[FP], tn: t.w[TN], fn: t.w[FN] };
}

export function tallyFromCounts(
  key: string,
  values: Record<string, string>,
  counts: ConfusionCounts,
  squares?: ConfusionCounts,
  rows?: number,
): Tally {
  const w: Tally['w'] = [counts.tn, counts.fp, counts.fn, counts.tp];
  const w2: Tally['w2'] = squares ? [squares.tn, squares.fp, squares.fn, squares.tp] : [...w];
  return { key, values, rows: rows ?? w[0] + w[1] + w[2] + w[3], w, w2 };
}
