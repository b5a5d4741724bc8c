import type { DecisionInput, Evaluation, EvaluationDetail, FiredRule, RiskLevel } from '@ethixai/contracts';
import { iso } from '../../db/sql-helpers.ts';
import type { EvaluationsTable } from '../db-tables.ts';
import { digestOf } from '../../audit-log/canonical-json.ts';
import { bucketStart } from '../live-window/buckets.ts';
import { groupKeyOf } from '../live-window/group-key.ts';
import type { ModelRecord } from '../models/models-repository.ts';
import { assessRisk, effectivePrediction, RECOMMENDED_ACTIONS, type LiveWindowView } from '../risk/risk-rules.ts';

/** Builds the stored row of one decision: its assessment, window cell and replay digest. */
export function evaluationRow(
  orgId: string,
  d: DecisionInput,
  model: ModelRecord,
  window: LiveWindowView,
  id: string,
  now: number,
): EvaluationsTable {
  const policy = model.policy;
  const risk = assessRisk(d, policy, window);
  const decidedAt = d.decidedAt === undefined ? now : Date.parse(d.decidedAt);
  return {
    id,
    org_id: orgId,
    model_id: d.modelId,
    model_version: d.modelVersion,
    policy_version: policy.version,
    decision_id: d.decisionId,
    subject_id: d.subjectId ?? null,
    input_digest: digestOf(d),
    features: JSON.stringify(d.features ?? {}),
    sensitive: JSON.stringify(d.sensitiveAttributes),
    context: JSON.stringify(d.context ?? {}),
    prediction: effectivePrediction(d, policy),
    score: d.score ?? null,
    group_key: groupKeyOf(policy.sensitiveAttributes, d.sensitiveAttributes),
    bucket_start: bucketStart(decidedAt, policy.window.bucketSeconds),
    decided_at: decidedAt,
    created_at: now,
    risk_level: risk.level,
    risk_score: risk.score,
    rules: JSON.stringify(risk.rules),
    outcome: null,
    outcome_at: null,
  };
}

export function toEvaluation(r: EvaluationsTable): Evaluation {
  const level = r.risk_level as RiskLevel;
  return {
    id: r.id,
    modelId: r.model_id,
    modelVersion: r.model_version,
    policyVersion: Number(r.policy_version),
    decisionId: r.decision_id,
    groupKey: r.group_key,
    prediction: Number(r.prediction) as 0 | 1,
    score: r.score === null ? null : Number(r.score),
    outcome: r.outcome === null ? null : (Number(r.outcome) as 0 | 1),
    risk: {
      level,
      score: Number(r.risk_score),
      rules: JSON.parse(r.rules) as FiredRule[],
      recommendedAction: RECOMMENDED_ACTIONS[level],
    },
    decidedAt: iso(Number(r.decided_at)),
    createdAt: iso(Number(r.created_at)),
  };
}

export function toEvaluationDetail(r: EvaluationsTable): EvaluationDetail {
  return {
    ...toEvaluation(r),
    subjectId: r.subject_id,
    features: JSON.parse(r.features),
    sensitiveAttributes: JSON.parse(r.sensitive),
    context: JSON.parse(r.context),
    outcomeAt: r.outcome_at === null ? null : iso(Number(r.outcome_at)),
  };
}
