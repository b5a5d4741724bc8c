/**
 * Per-group rates from a tally, each with its numerator, denominator and Wilson interval computed
 * (by the configured method) on the Kish effective denominator. A zero denominator gives null with the reason.
 */
import type { Estimate, NullReason, RateName } from './result-types.ts';
import { FN, FP, TN, TP, kish, sumCells, type Tally } from './tally.ts';
import { proportionInterval, type IntervalLevel } from './stats/intervals.ts';

interface RateDef {
  num: readonly number[];
  den: readonly number[];
  whenEmpty: NullReason;
}
const ALL = [TN, FP, FN, TP];

export const RATE_DEFS: Record<RateName, RateDef> = {
  selection_rate: { num: [FP, TP], den: ALL, whenEmpty: 'empty_group' },
  base_rate: { num: [FN, TP], den: ALL, whenEmpty: 'empty_group' },
  tpr: { num: [TP], den: [TP, FN], whenEmpty: 'no_label_positives' },
  fnr: { num: [FN], den: [TP, FN], whenEmpty: 'no_label_positives' },
  fpr: { num: [FP], den: [FP, TN], whenEmpty: 'no_label_negatives' },
  tnr: { num: [TN], den: [FP, TN], whenEmpty: 'no_label_negatives' },
  ppv: { num: [TP], den: [TP, FP], whenEmpty: 'no_predicted_positives' },
  fdr: { num: [FP], den: [TP, FP], whenEmpty: 'no_predicted_positives' },
  npv: { num: [TN], den: [TN, FN], whenEmpty: 'no_predicted_negatives' },
  for: { num: [FN], den: [TN, FN], whenEmpty: 'no_predicted_negatives' },
  accuracy: { num: [TP, TN], den: ALL, whenEmpty: 'empty_group' },
};

/** A rate in "effective" units: x successes out of n, for intervals and tests. */
export interface EffectiveRate {
  p: number;
  x: number;
  n: number;
}

export function effectiveRate(t: Tally, name: RateName): EffectiveRate | null {
  const d = RATE_DEFS[name];
  const den = sumCells(t, d.den);
  if (!(den.w > 0)) return null;
  const p = sumCells(t, d.num).w / den.w;
  const n = kish(den.w, den.w2);
  return { p, x: p * n, n };
}

export function rateEstimate(t: Tally, name: RateName, level: IntervalLevel, minDenominator: number): Estimate {
  const d = RATE_DEFS[name];
  const num = sumCells(t, d.num).w;
  const den = sumCells(t, d.den);
  const eff = kish(den.w, den.w2);
  const smallCell = eff < minDenominator;
  if (!(den.w > 0)) return { value: null, reason: d.whenEmpty, numerator: num, denominator: den.w, smallCell };
  const p = num / den.w;
  return { value: p, interval: proportionInterval(p * eff, eff, level), numerator: num, denominator: den.w, smallCell };
}

export function allRates(t: Tally, level: IntervalLevel, minDenominator: number): Record<RateName, Estimate> {
  const out = {} as Record<RateName, Estimate>;
  for (const name of Object.keys(RATE_DEFS) as RateName[]) out[name] = rateEstimate(t, name, level, minDenominator);
  return out;
}
