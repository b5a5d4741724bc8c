/**
 * A two-way contingency table of feature level x sensitive level, with its margins. Rows whose
 * sensitive value is missing (-1) are not counted: the association is "given the attribute".
 */
export interface Contingency {
  /** Row-major rows x cols counts. */
  counts: Float64Array;
  rows: number;
  cols: number;
  rowTotals: Float64Array;
  colTotals: Float64Array;
  n: number;
  /** Rows / columns with at least one count: the dimensions the statistics use. */
  nonEmptyRows: number;
  nonEmptyCols: number;
}

/** Margins and dimensions of a counted table (row-major rows x cols). */
export function tableFromCounts(counts: Float64Array, rows: number, cols: number): Contingency {
  const rowTotals = new Float64Array(rows);
  const colTotals = new Float64Array(cols);
  let n = 0;
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < cols; b++) {
      const c = counts[a * cols + b];
      rowTotals[a] += c;
      colTotals[b] += c;
      n += c;
    }
  }
  let nonEmptyRows = 0;
  let nonEmptyCols = 0;
  for (const t of rowTotals) if (t > 0) nonEmptyRows++;
  for (const t of colTotals) if (t > 0) nonEmptyCols++;
  return { counts, rows, cols, rowTotals, colTotals, n, nonEmptyRows, nonEmptyCols };
}

/** A table from nested counts, for hand-worked examples. */
export function contingencyFromCounts(counts: number[][]): Contingency {
  const rows = counts.length;
  const cols = rows === 0 ? 0 : counts[0].length;
  return tableFromCounts(Float64Array.from(counts.flat()), rows, cols);
}
