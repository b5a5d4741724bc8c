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

/**
 * `feature` holds level indices, or raw codes mapped through `lookup[code + 1]` when a lookup is
 * given; `sensitive` is indexed by table row (`rows[i]` for included row i).
 */
export function contingency(
  feature: Int32Array, featureLevels: number, sensitive: Int32Array, sensitiveLevels: number,
  rows: Uint32Array | null, lookup: Int32Array | null = null,
): Contingency {
  const counts = new Float64Array(featureLevels * sensitiveLevels);
  const m = feature.length;
  for (let i = 0; i < m; i++) {
    const s = rows === null ? sensitive[i] : sensitive[rows[i]];
    if (s < 0) continue;
    const a = lookup === null ? feature[i] : lookup[feature[i] + 1];
    counts[a * sensitiveLevels + s]++;
  }
  const rowTotals = new Float64Array(featureLevels);
  const colTotals = new Float64Array(sensitiveLevels);
  let n = 0;
  for (let a = 0; a < featureLevels; a++) {
    for (let b = 0; b < sensitiveLevels; b++) {
      const c = counts[a * sensitiveLevels + b];
      rowTotals[a] += c;
      colTotals[b] += c;
      n += c;
    }
  }
  let nonEmptyRows = 0;
  let nonEmptyCols = 0;
  for (const t of rowTotals) if (t > 0) nonEmptyRows++;
  for (const t of colTotals) if (t > 0) nonEmptyCols++;
  return { counts, rows: featureLevels, cols: sensitiveLevels, rowTotals, colTotals, n, nonEmptyRows, nonEmptyCols };
}

/** Builds a table straight from counts (row-major), for tests and callers that already counted. */
export function contingencyFromCounts(counts: number[][]): Contingency {
  const rows = counts.length;
  const cols = rows === 0 ? 0 : counts[0].length;
  const feature: number[] = [];
  const sensitive: number[] = [];
  counts.forEach((row, a) => row.forEach((c, b) => {
    for (let k = 0; k < c; k++) {
      feature.push(a);
      sensitive.push(b);
    }
  }));
  return contingency(Int32Array.from(feature), rows, Int32Array.from(sensitive), cols, null);
}
