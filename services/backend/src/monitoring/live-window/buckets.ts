/** Time-bucket arithmetic of the live window. All times are epoch milliseconds (UTC). */

export function bucketStart(atMs: number, bucketSeconds: number): number {
  const size = bucketSeconds * 1000;
  return Math.floor(atMs / size) * size;
}

/**
 * The window is the last ceil(span / bucket) buckets, the current (partial) one included, so its
 * length is between span - bucket and span. Returns the first bucket start that belongs to it.
 */
export function windowStart(nowMs: number, spanSeconds: number, bucketSeconds: number): number {
  const buckets = Math.max(1, Math.ceil(spanSeconds / bucketSeconds));
  return bucketStart(nowMs, bucketSeconds) - (buckets - 1) * bucketSeconds * 1000;
}

export interface CellCounts {
  n: number;
  predictedPositive: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export const zeroCounts = (): CellCounts => ({ n: 0, predictedPositive: 0, tp: 0, fp: 0, tn: 0, fn: 0 });

/** The increment one new decision contributes to its cell. */
export function decisionIncrement(prediction: 0 | 1): CellCounts {
  return { ...zeroCounts(), n: 1, predictedPositive: prediction };
}

/** The increment a late ground-truth label contributes to the cell of its decision. */
export function outcomeIncrement(prediction: 0 | 1, outcome: 0 | 1): CellCounts {
  const c = zeroCounts();
  if (prediction === 1) c[outcome === 1 ? 'tp' : 'fp'] = 1;
  else c[outcome === 1 ? 'fn' : 'tn'] = 1;
  return c;
}

export function addCounts(into: CellCounts, more: CellCounts, sign: 1 | -1 = 1): CellCounts {
  into.n += sign * more.n;
  into.predictedPositive += sign * more.predictedPositive;
  into.tp += sign * more.tp;
  into.fp += sign * more.fp;
  into.tn += sign * more.tn;
  into.fn += sign * more.fn;
  return into;
}
