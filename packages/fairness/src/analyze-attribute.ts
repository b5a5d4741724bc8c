/**
 * Everything about one sensitive attribute (a column or the intersection) that follows from its
 * groups' tallies: group rows, reference choice, spreads, comparisons, tests, criteria, verdicts.
 */
import type { PolicyThresholds, ReferenceStrategy } from './config-types.ts';
import { RATE_NAMES, type AttributeReport, type GroupReport, type RateName } from './result-types.ts';
import type { Tally } from './tally.ts';
import { groupReport, type GroupOptions } from './group-report.ts';
import { planReference } from './reference.ts';
import { spreadOf } from './spreads.ts';
import { disparateImpactTable, referenceComparisons, resolveTests } from './comparisons.ts';
import { TestFamily } from './test-family.ts';
import { namedCriteria, type SpreadEntry } from './criteria.ts';
import { verdictsFor } from './verdicts.ts';
import { betweenGroupGei } from './inequality-index.ts';

export interface AttributeOptions extends GroupOptions {
  alpha: number;
  reference: string | undefined;
  referenceStrategy: ReferenceStrategy;
  policy: PolicyThresholds;
  geiAlpha: number;
}

export function analyzeAttribute(name: string, columns: string[], tallies: readonly Tally[], overall: GroupReport,
  o: AttributeOptions): AttributeReport {
  const groups = tallies.map((t) => groupReport(t, o));
  const byKey = new Map(tallies.map((t) => [t.key, t]));
  const family = new TestFamily(o.alpha);
  const plan = planReference(name, groups, o.reference, o.referenceStrategy);

  const spreadKeys = new Map<RateName, { entry: ReturnType<typeof spreadOf>; key: string | null }>();
  for (const metric of RATE_NAMES) {
    const entry = spreadOf(metric, groups, byKey, overall, o.z);
    const key = entry.pair ? family.register(metric, byKey.get(entry.pair[0].key)!, byKey.get(entry.pair[1].key)!) : null;
    spreadKeys.set(metric, { entry, key });
  }
  const pending = referenceComparisons(groups, plan, byKey, o.z, family);
  const di = disparateImpactTable(groups, byKey, o.z, family);
  const tests = family.finalize();

  const spreads = new Map<RateName, SpreadEntry>();
  for (const [metric, { entry, key }] of spreadKeys) spreads.set(metric, { spread: entry.spread, test: family.get(key) });
  const diRows = resolveTests(di.rows, family);
  const criteria = namedCriteria(spreads, diRows, di.reference?.key ?? null);
  return {
    name, columns, groups,
    reference: plan.choice,
    spreads: [...spreads.values()].map((s) => s.spread),
    comparisons: [...resolveTests(pending, family), ...diRows].filter(uniqueComparison()),
    tests,
    criteria,
    betweenGroupGei: betweenGroupGei(tallies, o.geiAlpha),
    verdicts: verdictsFor({ attribute: name, groups, criteria, disparateImpactRows: diRows, policy: o.policy, alpha: o.alpha }),
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
