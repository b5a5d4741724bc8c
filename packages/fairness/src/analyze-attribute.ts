/**
 * Everything about one sensitive attribute (a column or the intersection) that follows from its
 * groups' tallies: group rows, reference choice, spreads, comparisons, tests, criteria, verdicts.
 * Two phases, because the tests of every attribute form one family (test-family.ts): `plan`
 * registers the attribute's tests, and `finish` reads their adjusted p-values once the whole
 * report's family is finalized.
 */
import type { PolicyThresholds, ReferenceStrategy } from './config-types.ts';
import { RATE_NAMES, type AttributeReport, type GroupReport, type Interval, type RateName } from './result-types.ts';
import type { Tally } from './tally.ts';
import { eligible, groupReport, type GroupOptions } from './group-report.ts';
import { planReference, type ReferencePlan } from './reference.ts';
import { spreadOf, type SpreadWithPair } from './spreads.ts';
import {
  disparateImpactTable,
  referenceComparisons,
  resolveTests,
  type DisparateImpactTable,
  type PendingComparison,
} from './comparisons.ts';
import { TESTED_RATES, type TestFamily } from './test-family.ts';
import { namedCriteria, type SpreadEntry } from './criteria.ts';
import { verdictsFor } from './verdicts.ts';
import { betweenGroupGei } from './inequality-index.ts';
import { extremeGapIntervals } from './extreme-gap.ts';

export interface AttributeOptions extends GroupOptions {
  alpha: number;
  reference: string | undefined;
  referenceStrategy: ReferenceStrategy;
  policy: PolicyThresholds;
  geiAlpha: number;
}

export interface PlannedAttribute {
  name: string;
  columns: string[];
  tallies: readonly Tally[];
  groups: GroupReport[];
  plan: ReferencePlan;
  spreads: Map<RateName, { entry: SpreadWithPair; key: string | null }>;
  pending: PendingComparison[];
  di: DisparateImpactTable;
  equalizedOdds: { difference: Interval; ratio: Interval } | null;
}

export function planAttribute(
  name: string,
  columns: string[],
  tallies: readonly Tally[],
  overall: GroupReport,
  o: AttributeOptions,
  family: TestFamily,
): PlannedAttribute {
  const groups = tallies.map((t) => groupReport(t, o));
  const byKey = new Map(tallies.map((t) => [t.key, t]));
  const plan = planReference(name, groups, o.reference, o.referenceStrategy);
  for (const metric of TESTED_RATES) {
    family.addAllPairs(
      name,
      metric,
      groups.filter((g) => eligible(g, metric)).map((g) => byKey.get(g.key)!),
    );
  }
  const spreads = new Map<RateName, { entry: SpreadWithPair; key: string | null }>();
  for (const metric of RATE_NAMES) {
    const entry = spreadOf(metric, groups, byKey, overall, o.level);
    const key = entry.pair
      ? family.register(name, metric, byKey.get(entry.pair[0].key)!, byKey.get(entry.pair[1].key)!)
      : null;
    spreads.set(metric, { entry, key });
  }
  const tpr = spreads.get('tpr')!.entry,
    fpr = spreads.get('fpr')!.entry;
  return {
    name,
    columns,
    tallies,
    groups,
    plan,
    spreads,
    pending: referenceComparisons(name, groups, plan, byKey, o.level, family),
    di: disparateImpactTable(name, groups, byKey, o.level, family),
    equalizedOdds: tpr.pair && fpr.pair ? extremeGapIntervals([tpr.rates, fpr.rates], o.level) : null,
  };
}

export function finishAttribute(p: PlannedAttribute, family: TestFamily, o: AttributeOptions): AttributeReport {
  const spreads = new Map<RateName, SpreadEntry>();
  for (const [metric, { entry, key }] of p.spreads)
    spreads.set(metric, { spread: entry.spread, test: family.get(key) });
  const diRows = resolveTests(p.di.rows, family);
  const comparisons = [...resolveTests(p.pending, family), ...diRows].filter(uniqueComparison());
  const criteria = namedCriteria(spreads, diRows, p.di.reference?.key ?? null, p.equalizedOdds);
  const tests = [
    ...new Set(
      [...[...spreads.values()].map((s) => s.test), ...comparisons.map((c) => c.test)].filter((t) => t !== null),
    ),
  ];
  return {
    name: p.name,
    columns: p.columns,
    groups: p.groups,
    reference: p.plan.choice,
    spreads: [...spreads.values()].map((s) => s.spread),
    comparisons,
    tests,
    criteria,
    betweenGroupGei: betweenGroupGei(p.tallies, o.geiAlpha),
    verdicts: verdictsFor({
      attribute: p.name,
      groups: p.groups,
      criteria,
      disparateImpactRows: diRows,
      policy: o.policy,
      alpha: o.alpha,
      correction: family.correctionName(),
    }),
  };
}

/** The disparate-impact rows repeat reference comparisons when the reference is the top selector. */
function uniqueComparison() {
  const seen = new Set<string>();
  return (c: { metric: string; group: string; reference: string }) => {
    const k = `${c.metric}\u0000${c.group}\u0000${c.reference}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
}
