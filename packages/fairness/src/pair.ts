/**
 * One group against another on one rate: difference (Newcombe, from the method's single-rate intervals), ratio (Katz log) and the raw
 * test. Works in Kish-effective units so weighted data gets honest widths and p-values.
 */
import type { RateName, Scalar } from './result-types.ts';
import { effectiveRate } from './rates.ts';
import type { Tally } from './tally.ts';
import { katzRatio, newcombe, proportionInterval, type IntervalLevel } from './stats/intervals.ts';
import { compareProportions, type TwoByTwoResult } from './stats/tests.ts';

export interface PairResult {
  difference: Scalar;
  ratio: Scalar;
  raw: TwoByTwoResult | null;
}

/** Rates tested for significance; fnr/tnr/fdr/for are complements and share their test. */
export const TESTED_RATE: Partial<Record<RateName, RateName>> = {
  selection_rate: 'selection_rate',
  tpr: 'tpr',
  fnr: 'tpr',
  fpr: 'fpr',
  tnr: 'fpr',
  ppv: 'ppv',
  fdr: 'ppv',
  npv: 'npv',
  for: 'npv',
  accuracy: 'accuracy',
};

export function comparePair(metric: RateName, a: Tally, b: Tally, level: IntervalLevel): PairResult {
  const ra = effectiveRate(a, metric);
  const rb = effectiveRate(b, metric);
  if (!ra || !rb) {
    const reason = !ra ? 'group_undefined' : 'reference_undefined';
    return { difference: { value: null, reason }, ratio: { value: null, reason }, raw: null };
  }
  const wa = proportionInterval(ra.x, ra.n, level);
  const wb = proportionInterval(rb.x, rb.n, level);
  const difference: Scalar = { value: ra.p - rb.p, interval: newcombe(ra.p, wa, rb.p, wb) };
  let ratio: Scalar;
  if (rb.p === 0) ratio = { value: null, reason: 'division_by_zero' };
  else ratio = { value: ra.p / rb.p, interval: katzRatio(ra.x, ra.n, rb.x, rb.n, level.z) };
  return { difference, ratio, raw: testPair(metric, a, b) };
}

/** The raw (unadjusted) test of a pair on the metric's tested rate. */
export function testPair(metric: RateName, a: Tally, b: Tally): TwoByTwoResult | null {
  const tested = TESTED_RATE[metric];
  if (!tested) return null;
  const ra = effectiveRate(a, tested);
  const rb = effectiveRate(b, tested);
  if (!ra || !rb) return null;
  return compareProportions(ra.x, ra.n, rb.x, rb.n);
}
