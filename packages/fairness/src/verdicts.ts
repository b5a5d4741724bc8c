/**
 * Verdicts against the policy (DESIGN §5): `fail` when the threshold is breached by eligible groups
 * and the gap is significant after the report's multiple-testing correction; `warn` when breached but not significant, or when only
 * small cells breach it (they never drive a fail); `pass` otherwise.
 */
import type { PolicyThresholds } from './config-types.ts';
import type { Criterion, GroupComparison, GroupReport, RateName, Verdict } from './result-types.ts';
import { defined, rateValue } from './group-report.ts';
import { extremes } from './spreads.ts';

interface Rule {
  policy: keyof PolicyThresholds;
  criterion: string;
  metrics: RateName[];
  kind: 'difference' | 'band';
}

export const VERDICT_RULES: Rule[] = [
  {
    policy: 'demographicParityDifference',
    criterion: 'demographic_parity_difference',
    metrics: ['selection_rate'],
    kind: 'difference',
  },
  { policy: 'disparateImpact', criterion: 'disparate_impact', metrics: ['selection_rate'], kind: 'band' },
  {
    policy: 'equalOpportunityDifference',
    criterion: 'equal_opportunity_difference',
    metrics: ['tpr'],
    kind: 'difference',
  },
  {
    policy: 'equalizedOddsDifference',
    criterion: 'equalized_odds_difference_worst_case',
    metrics: ['tpr', 'fpr'],
    kind: 'difference',
  },
  {
    policy: 'predictiveParityDifference',
    criterion: 'predictive_parity_difference',
    metrics: ['ppv'],
    kind: 'difference',
  },
  { policy: 'fprDifference', criterion: 'fpr_parity_difference', metrics: ['fpr'], kind: 'difference' },
  { policy: 'fnrDifference', criterion: 'fnr_parity_difference', metrics: ['fnr'], kind: 'difference' },
  { policy: 'forDifference', criterion: 'for_parity_difference', metrics: ['for'], kind: 'difference' },
  { policy: 'fdrDifference', criterion: 'fdr_parity_difference', metrics: ['fdr'], kind: 'difference' },
  { policy: 'accuracyDifference', criterion: 'accuracy_parity_difference', metrics: ['accuracy'], kind: 'difference' },
];

export interface VerdictInput {
  attribute: string;
  groups: readonly GroupReport[];
  criteria: readonly Criterion[];
  disparateImpactRows: readonly GroupComparison[];
  policy: PolicyThresholds;
  alpha: number;
  /** 'Holm' or 'Bonferroni': named in the reasons. */
  correction: string;
}

const fmt = (v: number) => (Math.round(v * 10000) / 10000).toString();

export function breaches(kind: Rule['kind'], value: number, t: number): boolean {
  return kind === 'difference' ? value > t : value < t || value > 1 / t;
}

/** The breach, if any, when small cells are counted too. */
function smallCellBreach(rule: Rule, t: number, input: VerdictInput): string[] | null {
  if (rule.kind === 'band') {
    const hit = input.disparateImpactRows.filter((c) => c.ratio.value !== null && breaches('band', c.ratio.value, t));
    return hit.length ? hit.map((c) => c.group) : null;
  }
  for (const m of rule.metrics) {
    const ext = extremes(input.groups, m, defined);
    if (ext && breaches('difference', rateValue(ext.max, m) - rateValue(ext.min, m), t))
      return [ext.max.key, ext.min.key];
  }
  return null;
}

export function verdictsFor(input: VerdictInput): Verdict[] {
  const out: Verdict[] = [];
  for (const rule of VERDICT_RULES) {
    const t = input.policy[rule.policy];
    if (t === null) continue;
    const c = input.criteria.find((x) => x.name === rule.criterion)!;
    const base = { attribute: input.attribute, metric: rule.criterion, threshold: t };
    const v = c.value;
    if (v.value !== null && breaches(rule.kind, v.value, t)) {
      const significant = c.pValue !== null && c.pValue < input.alpha;
      out.push({
        ...base,
        status: significant ? 'fail' : 'warn',
        groups: c.groups,
        value: v.value,
        interval: v.interval,
        pValue: c.pValue,
        significant,
        reason:
          `${rule.criterion} ${fmt(v.value)} breaches ${rule.kind === 'band' ? `the band [${fmt(t)}, ${fmt(1 / t)}]` : `the threshold ${fmt(t)}`}` +
          (significant
            ? ` and is significant (${input.correction}-adjusted p = ${c.pValue!.toExponential(3)})`
            : c.pValue === null
              ? ' but no test could be run'
              : ` but is not significant (${input.correction}-adjusted p = ${fmt(c.pValue)})`),
      });
      continue;
    }
    const small = smallCellBreach(rule, t, input);
    const common = {
      ...base,
      value: v.value,
      interval: v.value === null ? null : v.interval,
      pValue: c.pValue,
      significant: null,
    };
    if (small) {
      out.push({
        ...common,
        status: 'warn',
        groups: small,
        reason: `breached only when small cells are counted (groups: ${small.join(', ')}); small cells do not drive a fail`,
      });
    } else if (v.value === null && input.groups.some((g) => g.small)) {
      out.push({
        ...common,
        status: 'warn',
        groups: [],
        reason: `cannot be assessed (${v.reason}): too few groups outside small cells`,
      });
    } else {
      out.push({
        ...common,
        status: 'pass',
        groups: c.groups,
        reason:
          v.value === null
            ? `nothing to compare (${v.reason})`
            : `${rule.criterion} ${fmt(v.value)} is within ${rule.kind === 'band' ? `the band [${fmt(t)}, ${fmt(1 / t)}]` : `the threshold ${fmt(t)}`}`,
      });
    }
  }
  return out;
}
