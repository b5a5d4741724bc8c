import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, TimestampSchema } from './common.ts';

/** The fairness criteria a live window can be held to; thresholds are on the named statistic. */
export const POLICY_METRICS = [
  'demographic_parity_difference',
  'disparate_impact',
  'equal_opportunity_difference',
] as const;
export const PolicyMetricSchema = Type.Union(POLICY_METRICS.map((m) => Type.Literal(m)));
export type PolicyMetric = Static<typeof PolicyMetricSchema>;

/** Original policies' defaults (DESIGN §5): a difference is breached above, a ratio below its threshold. */
export const DEFAULT_POLICY_THRESHOLDS: Readonly<Record<PolicyMetric, number>> = {
  demographic_parity_difference: 0.1,
  disparate_impact: 0.8,
  equal_opportunity_difference: 0.05,
};

/** Which side of its threshold a policy metric breaches on. */
export const POLICY_METRIC_BREACH: Readonly<Record<PolicyMetric, 'above' | 'below'>> = {
  demographic_parity_difference: 'above',
  disparate_impact: 'below',
  equal_opportunity_difference: 'above',
};

const AttributeName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' });

export const PolicyInputSchema = Type.Object(
  {
    sensitiveAttributes: Type.Array(AttributeName, { minItems: 1, maxItems: 4, uniqueItems: true }),
    metrics: Type.Optional(
      Type.Array(
        Type.Object(
          { metric: PolicyMetricSchema, threshold: Type.Number({ minimum: 0, maximum: 1 }) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 3 },
      ),
    ),
    window: Type.Optional(
      Type.Object(
        {
          spanSeconds: Type.Integer({ minimum: 60, maximum: 366 * 86_400, default: 7 * 86_400 }),
          bucketSeconds: Type.Integer({ minimum: 60, maximum: 86_400, default: 3_600 }),
          minDecisions: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100 }),
          minGroupSize: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
        },
        { additionalProperties: false },
      ),
    ),
    requiredContextFields: Type.Optional(Type.Array(AttributeName, { maxItems: 32, uniqueItems: true })),
    scoreBands: Type.Optional(
      Type.Object(
        {
          decisionThreshold: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
          extremeLow: Type.Number({ minimum: 0, maximum: 1, default: 0.05 }),
          extremeHigh: Type.Number({ minimum: 0, maximum: 1, default: 0.95 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PolicyInput = Static<typeof PolicyInputSchema>;

/** A stored policy version: every default filled in, never edited after creation. */
export const PolicySchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  sensitiveAttributes: Type.Array(Type.String()),
  metrics: Type.Array(Type.Object({ metric: PolicyMetricSchema, threshold: Type.Number() })),
  window: Type.Object({
    spanSeconds: Type.Integer(),
    bucketSeconds: Type.Integer(),
    minDecisions: Type.Integer(),
    minGroupSize: Type.Integer(),
  }),
  requiredContextFields: Type.Array(Type.String()),
  scoreBands: Type.Object({ decisionThreshold: Type.Number(), extremeLow: Type.Number(), extremeHigh: Type.Number() }),
  createdAt: TimestampSchema,
  createdBy: Type.String(),
});
export type Policy = Static<typeof PolicySchema>;

const VersionName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$' });

export const CreateModelBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    version: VersionName,
    owner: Type.String({ minLength: 1, maxLength: 200 }),
    intendedUse: Type.String({ minLength: 1, maxLength: 2_000 }),
    policy: PolicyInputSchema,
  },
  { additionalProperties: false },
);
export type CreateModelBody = Static<typeof CreateModelBodySchema>;

export const AddModelVersionBodySchema = Type.Object({ version: VersionName }, { additionalProperties: false });
export type AddModelVersionBody = Static<typeof AddModelVersionBodySchema>;

export const ModelSchema = Type.Object({
  id: IdSchema,
  orgId: IdSchema,
  name: Type.String(),
  owner: Type.String(),
  intendedUse: Type.String(),
  versions: Type.Array(Type.String(), { description: 'Registered versions, oldest first' }),
  policy: PolicySchema,
  createdAt: TimestampSchema,
});
export type Model = Static<typeof ModelSchema>;

export const ModelListSchema = Type.Object({ items: Type.Array(ModelSchema), total: Type.Integer() });
export type ModelList = Static<typeof ModelListSchema>;

/** A rate with its interval; `value: null` with a reason when it cannot be computed (never 0). */
export const RateEstimateSchema = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  interval: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
  reason: Type.Optional(Type.String()),
  numerator: Type.Number(),
  denominator: Type.Number(),
  smallCell: Type.Boolean(),
});
export type RateEstimate = Static<typeof RateEstimateSchema>;

export const WINDOW_VERDICTS = ['pass', 'warn', 'fail', 'insufficient_data'] as const;
export const WindowVerdictSchema = Type.Union(WINDOW_VERDICTS.map((v) => Type.Literal(v)));
export type WindowVerdict = Static<typeof WindowVerdictSchema>;

export const ModelFairnessSchema = Type.Object({
  modelId: IdSchema,
  modelVersion: Type.String(),
  policyVersion: Type.Integer(),
  window: Type.Object({
    from: TimestampSchema,
    to: TimestampSchema,
    decisions: Type.Integer(),
    decisionsWithOutcome: Type.Integer(),
    minDecisions: Type.Integer(),
  }),
  verdict: WindowVerdictSchema,
  groups: Type.Array(
    Type.Object({
      groupKey: Type.String(),
      decisions: Type.Integer(),
      withOutcome: Type.Integer(),
      small: Type.Boolean(),
      selectionRate: RateEstimateSchema,
      errorRates: Type.Union([
        Type.Object({
          tpr: RateEstimateSchema,
          fpr: RateEstimateSchema,
          fnr: RateEstimateSchema,
          ppv: RateEstimateSchema,
          accuracy: RateEstimateSchema,
        }),
        Type.Null(),
      ]),
    }),
  ),
  verdicts: Type.Array(
    Type.Object({
      metric: PolicyMetricSchema,
      status: Type.Union([Type.Literal('pass'), Type.Literal('warn'), Type.Literal('fail')]),
      value: Type.Union([Type.Number(), Type.Null()]),
      threshold: Type.Number(),
      pValue: Type.Union([Type.Number(), Type.Null()]),
      flaggedGroups: Type.Array(Type.String(), { description: 'groups on the losing side of a breach' }),
      reason: Type.String(),
    }),
  ),
  engineVersion: Type.String(),
});
export type ModelFairness = Static<typeof ModelFairnessSchema>;

export const FairnessQuerySchema = Type.Object(
  { version: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
export type FairnessQuery = Static<typeof FairnessQuerySchema>;

/** `GET /v1/models/{id}/fairness/history`: the live window as it stood at each bucket end in [from, to]. */
export const FairnessHistoryQuerySchema = Type.Object(
  {
    from: Type.String({ format: 'date-time', maxLength: 64, description: 'Start (inclusive), ISO 8601' }),
    to: Type.Optional(
      Type.String({ format: 'date-time', maxLength: 64, description: 'End (inclusive), ISO 8601; default: now' }),
    ),
    version: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Model version; default: the latest registered' }),
    ),
  },
  { additionalProperties: false },
);
export type FairnessHistoryQuery = Static<typeof FairnessHistoryQuerySchema>;

/** At most this many points (window ends) per history request. */
export const MAX_HISTORY_POINTS = 2_000;

export const FairnessHistorySchema = Type.Object({
  modelId: IdSchema,
  modelVersion: Type.String(),
  policyVersion: Type.Integer({ description: 'The current policy, applied to every point' }),
  bucketSeconds: Type.Integer(),
  spanSeconds: Type.Integer(),
  thresholds: Type.Array(
    Type.Object({
      metric: PolicyMetricSchema,
      threshold: Type.Number(),
      breach: Type.Union([Type.Literal('above'), Type.Literal('below')]),
    }),
  ),
  points: Type.Array(
    Type.Object({
      at: TimestampSchema,
      decisions: Type.Integer(),
      decisionsWithOutcome: Type.Integer(),
      verdict: WindowVerdictSchema,
      metrics: Type.Array(
        Type.Object({
          metric: PolicyMetricSchema,
          value: Type.Union([Type.Number(), Type.Null()]),
          status: Type.Union([
            Type.Literal('pass'),
            Type.Literal('warn'),
            Type.Literal('fail'),
            Type.Literal('insufficient_data'),
          ]),
        }),
      ),
    }),
    { maxItems: MAX_HISTORY_POINTS },
  ),
});
export type FairnessHistory = Static<typeof FairnessHistorySchema>;
