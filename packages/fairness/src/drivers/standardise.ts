/**
 * Mean and standard deviation of a numeric feature over the included rows, ignoring NaN (missing).
 * Two passes (mean, then squared deviations) rather than sum/sum-of-squares: a feature such as a
 * timestamp or an income in cents has a large mean and a one-pass formula would cancel badly.
 */
export interface NumericStats {
  mean: number;
  /** Population standard deviation of the observed values; 0 for a constant feature. */
  sd: number;
  observed: number;
  missing: number;
}

export function numericStats(values: Float64Array): NumericStats {
  let sum = 0;
  let observed = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      sum += v;
      observed++;
    }
  }
  const missing = values.length - observed;
  if (observed === 0) return { mean: 0, sd: 0, observed, missing };
  const mean = sum / observed;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(ss / observed);
  // A relative floor: a spread at the level of rounding noise is a constant feature, not a signal
  // to be blown up by dividing by ~1e-17.
  const tiny = 1e-12 * Math.max(1, Math.abs(mean));
  return { mean, sd: sd > tiny ? sd : 0, observed, missing };
}

/** The standardised value of x; a missing value becomes 0 (the mean), flagged separately. */
export function standardised(x: number, stats: NumericStats): number {
  return x === x ? (x - stats.mean) / stats.sd : 0;
}
