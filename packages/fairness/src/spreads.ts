/**
 * fairlearn-style spreads of one rate across groups: max − min, min / max and the same against
 * the overall value. Only eligible groups (not small cells, rate defined) take part, so an empty or
 * tiny group can neither hide nor manufacture a gap.
 */
import type { GroupReport, RateName, Scalar, Spread } from './result-types.ts';
import { eligible, rateValue } from './group-report.ts';
import { comparePair } from './pair.ts';
import type { Tally } from './tally.ts';

export interface SpreadWithPair { spread: Spread; pair: [GroupReport, GroupReport] | null }

export function extremes(groups: readonly GroupReport[], metric: RateName, accept = eligible):
  { max: GroupReport; min: GroupReport } | null {
  let max: GroupReport | null = null, min: GroupReport | null = null;
  for (const g of groups) {
    if (!accept(g, metric)) continue;
    if (!max || rateValue(g, metric) > rateValue(max, metric)) max = g;
    if (!min || rateValue(g, metric) < rateValue(min, metric)) min = g;
  }
  return max && min ? { max, min } : null;
}

export function spreadOf(metric: RateName, groups: readonly GroupReport[], tallies: ReadonlyMap<string, Tally>,
  overall: GroupReport, z: number): SpreadWithPair {
  const inGroups = groups.filter((g) => eligible(g, metric));
  const ext = inGroups.length >= 2 ? extremes(inGroups, metric) : null;
  const none: Scalar = { value: null, reason: inGroups.length === 0 ? 'no_eligible_groups' : 'fewer_than_two_groups' };
  const spread: Spread = {
    metric, eligibleGroups: inGroups.map((g) => g.key),
    max: ext ? { group: ext.max.key, value: rateValue(ext.max, metric) } : null,
    min: ext ? { group: ext.min.key, value: rateValue(ext.min, metric) } : null,
    difference: none, ratio: none, differenceToOverall: none, ratioToOverall: none,
  };
  if (!ext) return { spread, pair: null };
  const pair = comparePair(metric, tallies.get(ext.min.key)!, tallies.get(ext.max.key)!, z);
  const d = pair.difference;
  spread.difference = d.value === null ? d : { value: 0 - d.value, interval: d.interval && [0 - d.interval[1], 0 - d.interval[0]] };
  spread.ratio = pair.ratio;
  const all = overall.rates[metric].value;
  if (all !== null) {
    let worstDiff = 0, worstRatio = 1;
    for (const g of inGroups) {
      const v = rateValue(g, metric);
      worstDiff = Math.max(worstDiff, Math.abs(v - all));
      worstRatio = Math.min(worstRatio, all === 0 ? (v === 0 ? 1 : 0) : v === 0 ? 0 : Math.min(v / all, all / v));
    }
    spread.differenceToOverall = { value: worstDiff, interval: null };
    spread.ratioToOverall = { value: worstRatio, interval: null };
  }
  return { spread, pair: [ext.max, ext.min] };
}
