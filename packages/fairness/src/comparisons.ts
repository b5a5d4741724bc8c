/**
 * Reference-style comparisons: every group against the metric's reference group, and the
 * disparate-impact table against the highest-selection-rate group. Tests are registered in the
 * attribute's family only when both groups are eligible for the metric (no small cells).
 */
import { RATE_NAMES, type GroupComparison, type GroupReport, type RateName } from './result-types.ts';
import { eligible } from './group-report.ts';
import { comparePair } from './pair.ts';
import type { ReferencePlan } from './reference.ts';
import { highestSelection } from './reference.ts';
import type { Tally } from './tally.ts';
import type { TestFamily } from './test-family.ts';
import type { IntervalLevel } from './stats/intervals.ts';

export interface PendingComparison {
  comparison: GroupComparison;
  testKey: string | null;
}

function compareTo(
  attribute: string,
  metric: RateName,
  g: GroupReport,
  ref: GroupReport,
  tallies: ReadonlyMap<string, Tally>,
  level: IntervalLevel,
  family: TestFamily,
): PendingComparison {
  const pair = comparePair(metric, tallies.get(g.key)!, tallies.get(ref.key)!, level);
  const smallCell = !eligible(g, metric) || !eligible(ref, metric);
  const testKey = smallCell ? null : family.register(attribute, metric, tallies.get(g.key)!, tallies.get(ref.key)!);
  return {
    comparison: {
      metric,
      group: g.key,
      reference: ref.key,
      difference: pair.difference,
      ratio: pair.ratio,
      test: null,
      smallCell,
    },
    testKey,
  };
}

export function referenceComparisons(
  attribute: string,
  groups: readonly GroupReport[],
  plan: ReferencePlan,
  tallies: ReadonlyMap<string, Tally>,
  level: IntervalLevel,
  family: TestFamily,
): PendingComparison[] {
  const out: PendingComparison[] = [];
  for (const metric of RATE_NAMES) {
    const ref = plan.forMetric(metric);
    if (!ref) continue;
    for (const g of groups) if (g !== ref) out.push(compareTo(attribute, metric, g, ref, tallies, level, family));
  }
  return out;
}

export interface DisparateImpactTable {
  reference: GroupReport | null;
  rows: PendingComparison[];
}

/** Selection rate of each group divided by the highest eligible group's (EEOC direction: ≤ 1 among eligible groups). */
export function disparateImpactTable(
  attribute: string,
  groups: readonly GroupReport[],
  tallies: ReadonlyMap<string, Tally>,
  level: IntervalLevel,
  family: TestFamily,
): DisparateImpactTable {
  const reference = highestSelection(groups);
  if (!reference) return { reference: null, rows: [] };
  const rows = groups
    .filter((g) => g !== reference)
    .map((g) => compareTo(attribute, 'selection_rate', g, reference, tallies, level, family));
  return { reference, rows };
}

export function resolveTests(pending: readonly PendingComparison[], family: TestFamily): GroupComparison[] {
  return pending.map((p) => ({ ...p.comparison, test: family.get(p.testKey) }));
}
