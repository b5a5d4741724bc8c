import type { FiredRule, Policy, PolicyMetric, RiskAssessment, RiskLevel } from '@ethixai/contracts';
import { groupKeyOf, isMissing } from '../live-window/group-key.ts';

/**
 * The deterministic rule table of a decision's risk assessment (README.md of this folder gives
 * the same table). Inputs are only what was submitted, the policy version and the live window:
 *
 * | rule                          | fires when                                                      | points |
 * |-------------------------------|-----------------------------------------------------------------|--------|
 * | live_disparity_breach         | the window fails a policy metric and this group is on the losing side | 50 |
 * | live_disparity_warning        | same, but the breach is not significant or rests on small cells | 20     |
 * | score_extreme_band            | score <= extremeLow or score >= extremeHigh                     | 25     |
 * | sensitive_attribute_missing   | a policy sensitive attribute is absent, null or ""              | 20     |
 * | missing_context_fields        | a required context field is absent, null or ""                  | 15     |
 * | prediction_score_mismatch     | both given and (score >= decisionThreshold) != prediction       | 15     |
 * | unknown_group                 | the group has fewer than minGroupSize decisions in the window   | 10     |
 *
 * score = min(100, sum of points); level: < 25 low, < 50 medium, < 75 high, else critical.
 */
export const RULE_POINTS = {
  live_disparity_breach: 50,
  live_disparity_warning: 20,
  score_extreme_band: 25,
  sensitive_attribute_missing: 20,
  missing_context_fields: 15,
  prediction_score_mismatch: 15,
  unknown_group: 10,
} as const;
export type RuleId = keyof typeof RULE_POINTS;

export interface GroupBreach {
  metric: PolicyMetric;
  value: number;
  threshold: number;
  verdict: 'fail' | 'warn';
}

/** What the risk rules need to know about the live window of the decision's model version. */
export interface LiveWindowView {
  groupSize(groupKey: string): number;
  breachesFor(groupKey: string): readonly GroupBreach[];
}

export interface AssessedDecision {
  sensitiveAttributes: Readonly<Record<string, unknown>>;
  prediction?: 0 | 1;
  score?: number;
  context?: Readonly<Record<string, unknown>>;
}

export const RECOMMENDED_ACTIONS: Readonly<Record<RiskLevel, string>> = {
  low: 'No action: record the decision.',
  medium: 'Sample this decision for human review.',
  high: 'Review this decision before it takes effect.',
  critical: 'Hold this decision for human review and investigate the model.',
};

export function levelOf(score: number): RiskLevel {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'high';
  if (score >= 25) return 'medium';
  return 'low';
}

const fmt = (x: number): string => String(Math.round(x * 1e4) / 1e4);

export function firedRules(decision: AssessedDecision, policy: Policy, window: LiveWindowView): FiredRule[] {
  const fired: FiredRule[] = [];
  const fire = (rule: RuleId, detail: string): void => {
    fired.push({ rule, points: RULE_POINTS[rule], detail });
  };
  const groupKey = groupKeyOf(policy.sensitiveAttributes, decision.sensitiveAttributes);

  const breaches = window.breachesFor(groupKey);
  const describe = (b: GroupBreach): string => `${b.metric} ${fmt(b.value)} vs threshold ${fmt(b.threshold)}`;
  const failing = breaches.filter((b) => b.verdict === 'fail');
  if (failing.length > 0) fire('live_disparity_breach', `group ${groupKey}: ${failing.map(describe).join('; ')}`);
  else if (breaches.length > 0)
    fire('live_disparity_warning', `group ${groupKey}: ${breaches.map(describe).join('; ')}`);

  const { score, prediction } = decision;
  const bands = policy.scoreBands;
  if (score !== undefined && (score <= bands.extremeLow || score >= bands.extremeHigh)) {
    fire('score_extreme_band', `score ${fmt(score)} outside (${fmt(bands.extremeLow)}, ${fmt(bands.extremeHigh)})`);
  }
  const missingSensitive = policy.sensitiveAttributes.filter((a) => isMissing(decision.sensitiveAttributes[a]));
  if (missingSensitive.length > 0) fire('sensitive_attribute_missing', `missing: ${missingSensitive.join(', ')}`);
  const context = decision.context ?? {};
  const missingContext = policy.requiredContextFields.filter((f) => isMissing(context[f]));
  if (missingContext.length > 0) fire('missing_context_fields', `missing: ${missingContext.join(', ')}`);
  if (score !== undefined && prediction !== undefined && (score >= bands.decisionThreshold ? 1 : 0) !== prediction) {
    fire(
      'prediction_score_mismatch',
      `prediction ${prediction} but score ${fmt(score)} vs threshold ${fmt(bands.decisionThreshold)}`,
    );
  }
  const size = window.groupSize(groupKey);
  if (size < policy.window.minGroupSize) {
    fire(
      'unknown_group',
      `group ${groupKey} has ${size} decisions in the window, fewer than ${policy.window.minGroupSize}`,
    );
  }
  return fired;
}

export function assessRisk(decision: AssessedDecision, policy: Policy, window: LiveWindowView): RiskAssessment {
  const rules = firedRules(decision, policy, window);
  const score = Math.min(
    100,
    rules.reduce((sum, r) => sum + r.points, 0),
  );
  const level = levelOf(score);
  return { level, score, rules, recommendedAction: RECOMMENDED_ACTIONS[level] };
}

/** The prediction a decision stands for: as submitted, else its score against the decision threshold. */
export function effectivePrediction(decision: AssessedDecision, policy: Policy): 0 | 1 {
  if (decision.prediction !== undefined) return decision.prediction;
  return (decision.score ?? 0) >= policy.scoreBands.decisionThreshold ? 1 : 0;
}
