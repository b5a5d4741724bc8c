/**
 * Quantile bins for measuring the association of a numeric feature with a sensitive attribute.
 *
 * Cut points are the lower k/B quantiles of the observed values (the inverse empirical CDF,
 * x_(ceil(k n / B))), and a value v falls in the bin (c_{j-1}, c_j]. Bins are defined by value,
 * so tied values always share a bin; duplicate cut points merge (a feature with 3 distinct values
 * gets at most 3 bins, not 10 with arbitrary splits of a tie), and a cut point at the maximum is
 * dropped so no bin is empty by construction. A missing value gets its own bin after the others.
 */

export interface NumericBins {
  cutpoints: number[];
  /** Bins of observed values; the missing bin (if any rows are missing) has index `bins`. */
  bins: number;
  hasMissing: boolean;
  codes: Int32Array;
}

/** Cut points from the observed values at the positions `at` (all rows when null). */
export function quantileCutpoints(values: Float64Array, bins: number, at: Uint32Array | null): number[] {
  const count = at === null ? values.length : at.length;
  const observed = new Float64Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const v = values[at === null ? i : at[i]];
    if (v === v) observed[n++] = v;
  }
  if (n === 0) return [];
  const sorted = observed.subarray(0, n).sort();
  const max = sorted[n - 1];
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const c = sorted[Math.ceil((k * n) / bins) - 1];
    if (c < max && (cuts.length === 0 || c > cuts[cuts.length - 1])) cuts.push(c);
  }
  return cuts;
}

/**
 * The bin of an observed value: the number of cut points below it, counted without an early
 * exit, so the loop has no data-dependent branch (an early-exit scan mispredicts on every row
 * of random data, which dominates at a million rows).
 */
export function binOf(v: number, cuts: Float64Array): number {
  let b = 0;
  for (let k = 0; k < cuts.length; k++) b += v > cuts[k] ? 1 : 0;
  return b;
}

export function binNumeric(values: Float64Array, bins: number, edgeSample: Uint32Array | null): NumericBins {
  const cutpoints = quantileCutpoints(values, bins, edgeSample);
  const nCuts = cutpoints.length;
  const cuts = Float64Array.from(cutpoints);
  const codes = new Int32Array(values.length);
  let hasMissing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      codes[i] = nCuts + 1;
      hasMissing = true;
      continue;
    }
    codes[i] = binOf(v, cuts);
  }
  return { cutpoints, bins: nCuts + 1, hasMissing, codes };
}
