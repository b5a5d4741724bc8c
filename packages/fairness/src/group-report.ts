/** A group's report row: counts, sizes, small-cell flags and every rate. */
import type { GroupReport, RateName } from './result-types.ts';
import { FN, FP, TN, TP, kish, type Tally } from './tally.ts';
import { allRates } from './rates.ts';
import type { IntervalLevel } from './stats/intervals.ts';

export interface GroupOptions {
  level: IntervalLevel;
  minGroupSize: number;
  minDenominator: number;
}

export function groupReport(t: Tally, o: GroupOptions): GroupReport {
  const n = t.w[0] + t.w[1] + t.w[2] + t.w[3];
  const effectiveN = kish(n, t.w2[0] + t.w2[1] + t.w2[2] + t.w2[3]);
  const smallReasons: string[] = [];
  if (effectiveN < o.minGroupSize) {
    smallReasons.push(`effective size ${round(effectiveN)} is below minGroupSize ${o.minGroupSize}`);
  }
  return {
    key: t.key,
    values: t.values,
    tp: t.w[TP],
    fp: t.w[FP],
    tn: t.w[TN],
    fn: t.w[FN],
    rows: t.rows,
    n,
    effectiveN,
    small: smallReasons.length > 0,
    smallReasons,
    rates: allRates(t, o.level, o.minDenominator),
    auc: { value: null, reason: 'no_score' },
    calibration: null,
  };
}

/** May this group's value of `metric` enter spreads, references and verdicts? */
export function eligible(g: GroupReport, metric: RateName): boolean {
  const r = g.rates[metric];
  return !g.small && r.value !== null && !r.smallCell;
}

/** Defined at all (small cells included): used to tell when a breach rests only on small cells. */
export function defined(g: GroupReport, metric: RateName): boolean {
  return g.rates[metric].value !== null;
}

export function rateValue(g: GroupReport, metric: RateName): number {
  return g.rates[metric].value as number;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
