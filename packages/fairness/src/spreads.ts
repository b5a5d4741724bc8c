/**
 * fairlearn-style spreads of one rate across groups: max − min, min / max and the same against
 * the overall value. Only eligible groups (not small cells, rate defined) take part, so an empty or
 * tiny group can neither hide nor manufacture a gap. The intervals of max − min and min / max are
 * simultaneous over all pairs of eligible groups (extreme-gap.ts), so they hold for the extreme gap.
 */
import type { GroupReport, RateName, Scalar, Spread } from './result-types.ts';
import { eligible, rateValue } from './group-report.ts';
import { comparePair } from './pair.ts';
import { effectiveRate, type EffectiveRate } from './rates.ts';
import type { Tally } from './tally.ts';
import type { IntervalLevel } from './stats/intervals.ts';
import { extremeGapIntervals } from './extreme-gap.ts';

export interface SpreadWithPair {
  spread: Spread;
  pair: [GroupReport, GroupReport] | null;
  rates: EffectiveRate[];
}

/** Orders by value, ties by group key (code units), so the choice does not depend on row order. */
function before(a: GroupReport, b: GroupReport, metric: RateName): boolean {
  const d = rateValue(a, metric) - rateValue(b, metric);
  return d < 0 || (d === 0 && a.key < b.key);
}

/**
 * The groups with the highest and the lowest value. Ties go to the smallest key on both ends;
 * with two or more groups, max and min are always different groups (all equal: the two smallest
 * keys), so no group is ever compared with itself.
 */
export function extremes(
  groups: readonly GroupReport[],
  metric: RateName,
  accept = eligible,
): { max: GroupReport; min: GroupReport } | null {
  let max: GroupReport | null = null,
    min: GroupReport | null = null;
  for (const g of groups) {
    if (!accept(g, metric)) continue;
    if (!min || before(g, min, metric)) min = g;
    if (
      !max ||
      rateValue(g, metric) > rateValue(max, metric) ||
      (rateValue(g, metric) === rateValue(max, metric) && g.key < max.key)
    )
      max = g;
  }
  if (!max || !min) return null;
  if (max === min) {
    let other: GroupReport | null = null;
    for (const g of groups) if (g !== max && accept(g, metric) && (!other || before(g, other, metric))) other = g;
    if (other) min = other;
  }
  return { max, min };
}

export function spreadOf(
  metric: RateName,
  groups: readonly GroupReport[],
  tallies: ReadonlyMap<string, Tally>,
  overall: GroupReport,
  level: IntervalLevel,
): SpreadWithPair {
  const inGroups = groups.filter((g) => eligible(g, metric));
  const ext = inGroups.length >= 2 ? extremes(inGroups, metric) : null;
  const none: Scalar = { value: null, reason: inGroups.length === 0 ? 'no_eligible_groups' : 'fewer_than_two_groups' };
  const spread: Spread = {
    metric,
    eligibleGroups: inGroups.map((g) => g.key),
    max: ext ? { group: ext.max.key, value: rateValue(ext.max, metric) } : null,
    min: ext ? { group: ext.min.key, value: rateValue(ext.min, metric) } : null,
    difference: none,
    ratio: none,
    differenceToOverall: none,
    ratioToOverall: none,
  };
  if (!ext) return { spread, pair: null, rates: [] };
  const rates = inGroups.map((g) => effectiveRate(tallies.get(g.key)!, metric)!);
  const bounds = extremeGapIntervals([rates], level);
  const pair = comparePair(metric, tallies.get(ext.min.key)!, tallies.get(ext.max.key)!, level);
  const d = pair.difference;
  spread.difference = d.value === null ? d : { value: 0 - d.value, interval: bounds.difference };
  spread.ratio = pair.ratio.value === null ? pair.ratio : { value: pair.ratio.value, interval: bounds.ratio };
  const all = overall.rates[metric].value;
  if (all !== null) {
    let worstDiff = 0,
      worstRatio = 1;
    for (const g of inGroups) {
      const v = rateValue(g, metric);
      worstDiff = Math.max(worstDiff, Math.abs(v - all));
      worstRatio = Math.min(worstRatio, all === 0 ? (v === 0 ? 1 : 0) : v === 0 ? 0 : Math.min(v / all, all / v));
    }
    spread.differenceToOverall = { value: worstDiff, interval: null };
    spread.ratioToOverall = { value: worstRatio, interval: null };
  }
  return { spread, pair: [ext.max, ext.min], rates };
}
