import {
  auditFromCounts,
  ENGINE_VERSION,
  type AuditResult,
  type Estimate,
  type GroupReport,
  type PolicyThresholds,
  type Verdict,
} from '@ethixai/fairness';
import type { ModelFairness, Policy, PolicyMetric, RateEstimate, WindowVerdict } from '@ethixai/contracts';
import type { GroupBreach } from '../risk/risk-rules.ts';
import type { CellCounts } from './buckets.ts';

/** The policy's metrics in the engine's policy vocabulary (everything else: reported, no verdict). */
const ENGINE_POLICY_KEY: Record<PolicyMetric, keyof PolicyThresholds> = {
  demographic_parity_difference: 'demographicParityDifference',
  disparate_impact: 'disparateImpact',
  equal_opportunity_difference: 'equalOpportunityDifference',
};
const NO_THRESHOLDS: PolicyThresholds = {
  demographicParityDifference: null,
  disparateImpact: null,
  equalOpportunityDifference: null,
  equalizedOddsDifference: null,
  predictiveParityDifference: null,
  fprDifference: null,
  fnrDifference: null,
  forDifference: null,
  fdrDifference: null,
  accuracyDifference: null,
};

export interface WindowAudit {
  verdict: WindowVerdict;
  decisions: number;
  decisionsWithOutcome: number;
  groups: ModelFairness['groups'];
  verdicts: ModelFairness['verdicts'];
  /** Per group key: the breaches whose losing side it is on (the risk rule reads this). */
  breaches: Map<string, GroupBreach[]>;
  sizes: Map<string, number>;
  engineVersion: string;
}

function thresholds(policy: Policy, metrics: PolicyMetric[]): PolicyThresholds {
  const t = { ...NO_THRESHOLDS };
  for (const m of policy.metrics) if (metrics.includes(m.metric)) t[ENGINE_POLICY_KEY[m.metric]] = m.threshold;
  return t;
}

function audit(
  groups: [string, { tp: number; fp: number; tn: number; fn: number }][],
  policy: Policy,
  metrics: PolicyMetric[],
): AuditResult {
  return auditFromCounts(
    {
      attributes: [
        { name: policy.sensitiveAttributes.join(' × '), groups: groups.map(([key, counts]) => ({ key, counts })) },
      ],
    },
    { minGroupSize: policy.window.minGroupSize, policy: thresholds(policy, metrics) },
  );
}

const estimate = (e: Estimate): RateEstimate =>
  e.value === null
    ? {
        value: null,
        interval: null,
        reason: e.reason,
        numerator: e.numerator,
        denominator: e.denominator,
        smallCell: e.smallCell,
      }
    : {
        value: e.value,
        interval: e.interval,
        numerator: e.numerator,
        denominator: e.denominator,
        smallCell: e.smallCell,
      };

/**
 * Who is on the losing side of a breach: for a difference, the group with the lower rate (the
 * engine lists [max, min]); for disparate impact, every group whose selection rate is below
 * threshold × the highest eligible selection rate (small cells only count for a warn).
 */
function flaggedGroups(v: Verdict, groups: readonly GroupReport[]): string[] {
  if (v.status === 'pass') return [];
  if (v.metric !== 'disparate_impact') return v.groups.length === 2 ? [v.groups[1]] : [...v.groups];
  const rate = (g: GroupReport) => g.rates.selection_rate.value;
  const eligible = groups.filter((g) => !g.small && rate(g) !== null);
  const best = Math.max(...(eligible.length > 0 ? eligible : groups).map((g) => rate(g) ?? 0));
  const pool = v.status === 'fail' ? eligible : groups;
  return pool.filter((g) => rate(g) !== null && (rate(g) as number) < v.threshold * best).map((g) => g.key);
}

/**
 * Audits a live window with the fairness engine. Selection rates use every decision (as counts
 * with label = prediction, of which only the selection rate is read); error rates and equal
 * opportunity use only the decisions whose outcome has arrived.
 */
export function auditWindow(counts: ReadonlyMap<string, CellCounts>, policy: Policy): WindowAudit {
  const entries = [...counts.entries()];
  const decisions = entries.reduce((s, [, c]) => s + c.n, 0);
  const withOutcome = (c: CellCounts) => c.tp + c.fp + c.tn + c.fn;
  const decisionsWithOutcome = entries.reduce((s, [, c]) => s + withOutcome(c), 0);
  const sizes = new Map(entries.map(([k, c]) => [k, c.n]));
  const empty: WindowAudit = {
    verdict: 'insufficient_data',
    decisions,
    decisionsWithOutcome,
    groups: [],
    verdicts: [],
    breaches: new Map(),
    sizes,
    engineVersion: ENGINE_VERSION,
  };
  if (entries.length === 0) return empty;

  const selection = audit(
    entries.map(([k, c]) => [k, { tp: c.predictedPositive, fp: 0, tn: c.n - c.predictedPositive, fn: 0 }]),
    policy,
    ['demographic_parity_difference', 'disparate_impact'],
  );
  const labelled = entries.filter(([, c]) => withOutcome(c) > 0);
  const outcomes =
    labelled.length > 0
      ? audit(
          labelled.map(([k, c]) => [k, c]),
          policy,
          ['equal_opportunity_difference'],
        )
      : null;
  const selGroups = selection.attributes[0].groups;
  const outGroups = new Map((outcomes?.attributes[0].groups ?? []).map((g) => [g.key, g]));

  const groups = selGroups.map((g) => {
    const o = outGroups.get(g.key);
    return {
      groupKey: g.key,
      decisions: counts.get(g.key)!.n,
      withOutcome: withOutcome(counts.get(g.key)!),
      small: g.small,
      selectionRate: estimate(g.rates.selection_rate),
      errorRates: o
        ? {
            tpr: estimate(o.rates.tpr),
            fpr: estimate(o.rates.fpr),
            fnr: estimate(o.rates.fnr),
            ppv: estimate(o.rates.ppv),
            accuracy: estimate(o.rates.accuracy),
          }
        : null,
    };
  });
  if (decisions < policy.window.minDecisions) return { ...empty, groups };

  const engineVerdicts: [Verdict, readonly GroupReport[]][] = [
    ...selection.verdicts.map((v): [Verdict, readonly GroupReport[]] => [v, selGroups]),
    ...(outcomes?.verdicts ?? []).map((v): [Verdict, readonly GroupReport[]] => [v, outcomes!.attributes[0].groups]),
  ];
  const breaches = new Map<string, GroupBreach[]>();
  const verdicts = engineVerdicts.map(([v, reports]) => {
    const flagged = flaggedGroups(v, reports);
    const metric = v.metric as PolicyMetric;
    for (const key of flagged) {
      const list = breaches.get(key) ?? [];
      list.push({ metric, value: v.value ?? Number.NaN, threshold: v.threshold, verdict: v.status as 'fail' | 'warn' });
      breaches.set(key, list);
    }
    return {
      metric,
      status: v.status,
      value: v.value,
      threshold: v.threshold,
      pValue: v.pValue,
      flaggedGroups: flagged,
      reason: v.reason,
    };
  });
  const verdict: WindowVerdict = verdicts.some((v) => v.status === 'fail')
    ? 'fail'
    : verdicts.some((v) => v.status === 'warn')
      ? 'warn'
      : 'pass';
  return { verdict, decisions, decisionsWithOutcome, groups, verdicts, breaches, sizes, engineVersion: ENGINE_VERSION };
}
