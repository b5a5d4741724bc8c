import { Type, type Static } from '@sinclair/typebox';
import { FiniteNumberSchema, IdSchema, OffsetSchema, TimestampSchema } from './common.ts';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const RiskLevelSchema = Type.Union(RISK_LEVELS.map((l) => Type.Literal(l)));
export type RiskLevel = Static<typeof RiskLevelSchema>;

const Scalar = Type.Union([Type.String({ maxLength: 200 }), FiniteNumberSchema, Type.Boolean(), Type.Null()]);
const FlatObject = (maxProperties: number) =>
  Type.Record(Type.String(), Scalar, { maxProperties, propertyNames: { maxLength: 64 } });

/** One decision the client's model made. `prediction` and/or `score` must be present. */
export const DecisionInputSchema = Type.Object(
  {
    modelId: IdSchema,
    modelVersion: Type.String({ minLength: 1, maxLength: 64 }),
    decisionId: Type.String({ minLength: 1, maxLength: 128 }),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    features: Type.Optional(FlatObject(200)),
    sensitiveAttributes: FlatObject(16),
    prediction: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1)])),
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    context: Type.Optional(FlatObject(64)),
    decidedAt: Type.Optional(TimestampSchema),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInputSchema>;

export const DecisionBatchSchema = Type.Object(
  { decisions: Type.Array(DecisionInputSchema, { minItems: 1, maxItems: 1_000 }) },
  { additionalProperties: false },
);
export type DecisionBatch = Static<typeof DecisionBatchSchema>;

/**
 * A body is a batch when it has `decisions`, otherwise one decision. if/then/else (not anyOf) so
 * validation errors point at the offending field of the branch that applies.
 */
export const EvaluateBodySchema = Type.Unsafe<DecisionInput | DecisionBatch>({
  type: 'object',
  if: { type: 'object', required: ['decisions'] },
  then: DecisionBatchSchema,
  else: DecisionInputSchema,
});

export const FiredRuleSchema = Type.Object({
  rule: Type.String({ description: 'Stable rule id, see the rule table in the monitoring README' }),
  points: Type.Integer(),
  detail: Type.String(),
});
export type FiredRule = Static<typeof FiredRuleSchema>;

export const RiskAssessmentSchema = Type.Object({
  level: RiskLevelSchema,
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  rules: Type.Array(FiredRuleSchema),
  recommendedAction: Type.String(),
});
export type RiskAssessment = Static<typeof RiskAssessmentSchema>;

export const EvaluationSchema = Type.Object({
  id: IdSchema,
  modelId: IdSchema,
  modelVersion: Type.String(),
  policyVersion: Type.Integer(),
  decisionId: Type.String(),
  groupKey: Type.String(),
  prediction: Type.Union([Type.Literal(0), Type.Literal(1)]),
  score: Type.Union([Type.Number(), Type.Null()]),
  outcome: Type.Union([Type.Literal(0), Type.Literal(1), Type.Null()]),
  risk: RiskAssessmentSchema,
  decidedAt: TimestampSchema,
  createdAt: TimestampSchema,
});
export type Evaluation = Static<typeof EvaluationSchema>;

/** The full stored record (detail endpoint): includes the submitted features and context. */
export const EvaluationDetailSchema = Type.Intersect([
  EvaluationSchema,
  Type.Object({
    subjectId: Type.Union([Type.String(), Type.Null()]),
    features: Type.Record(Type.String(), Scalar),
    sensitiveAttributes: Type.Record(Type.String(), Scalar),
    context: Type.Record(Type.String(), Scalar),
    outcomeAt: Type.Union([TimestampSchema, Type.Null()]),
  }),
]);
export type EvaluationDetail = Static<typeof EvaluationDetailSchema>;

export const EvaluateResultSchema = Type.Object({
  evaluation: EvaluationSchema,
  replayed: Type.Boolean({ description: 'true when this decision id was already stored with the same content' }),
});
export type EvaluateResult = Static<typeof EvaluateResultSchema>;

export const BatchItemResultSchema = Type.Object({
  index: Type.Integer(),
  decisionId: Type.String(),
  status: Type.Union([Type.Literal('created'), Type.Literal('replayed'), Type.Literal('conflict')]),
  evaluation: Type.Optional(EvaluationSchema),
  code: Type.Optional(Type.String()),
});
export const EvaluateBatchResultSchema = Type.Object({
  created: Type.Integer(),
  replayed: Type.Integer(),
  conflicts: Type.Integer(),
  results: Type.Array(BatchItemResultSchema),
});
export type EvaluateBatchResult = Static<typeof EvaluateBatchResultSchema>;

export const EvaluationListQuerySchema = Type.Object(
  {
    modelId: Type.Optional(IdSchema),
    modelVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    riskLevel: Type.Optional(RiskLevelSchema),
    from: Type.Optional(TimestampSchema),
    to: Type.Optional(TimestampSchema),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: OffsetSchema,
  },
  { additionalProperties: false },
);
export type EvaluationListQuery = Static<typeof EvaluationListQuerySchema>;

export const EvaluationListSchema = Type.Object({ items: Type.Array(EvaluationSchema), total: Type.Integer() });
export type EvaluationList = Static<typeof EvaluationListSchema>;

export const OutcomeBodySchema = Type.Object(
  { outcome: Type.Union([Type.Literal(0), Type.Literal(1)], { description: 'The ground truth label' }) },
  { additionalProperties: false },
);
export type OutcomeBody = Static<typeof OutcomeBodySchema>;

export const ErasureResultSchema = Type.Object({ deleted: Type.Integer() });
export type ErasureResult = Static<typeof ErasureResultSchema>;
