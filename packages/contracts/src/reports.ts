import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, TimestampSchema } from './common.ts';
import { RiskLevelSchema } from './evaluations.ts';

/**
 * Backend reports: immutable, one per completed analysis. `result` is the engine's AuditResult as
 * the exact bytes ai-core returned; the other fields are the backend's provenance and summary.
 */
export const REPORT_VERDICTS = ['pass', 'warn', 'fail', 'none'] as const;
export const ReportVerdictSchema = Type.Union(
  REPORT_VERDICTS.map((v) => Type.Literal(v)),
  {
    description: 'The worst verdict of the audit; none when no criterion had a threshold',
  },
);
export type ReportVerdict = Static<typeof ReportVerdictSchema>;

export const ReportSummarySchema = Type.Object(
  {
    id: IdSchema,
    datasetId: Type.Union([IdSchema, Type.Null()]),
    createdBy: IdSchema,
    createdAt: TimestampSchema,
    verdict: ReportVerdictSchema,
    riskLevel: RiskLevelSchema,
    rows: Type.Integer(),
    engineVersion: Type.String(),
    inputDigest: Type.String({
      description: "The engine's digest of the audited input (algorithm-prefixed, e.g. mix64:...)",
    }),
  },
  { additionalProperties: false },
);
export type ReportSummary = Static<typeof ReportSummarySchema>;

export const ReportSchema = Type.Composite([
  ReportSummarySchema,
  Type.Object({
    result: Type.Object({}, { additionalProperties: true, description: 'AuditResult of @ethixai/fairness' }),
  }),
]);
export type Report = Static<typeof ReportSchema>;

export const ReportListQuerySchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    datasetId: Type.Optional(IdSchema),
    verdict: Type.Optional(ReportVerdictSchema),
    from: Type.Optional(TimestampSchema),
    to: Type.Optional(TimestampSchema),
  },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuerySchema>;

export const ReportListSchema = Type.Object(
  { items: Type.Array(ReportSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type ReportList = Static<typeof ReportListSchema>;

export const ReportExportQuerySchema = Type.Object(
  { format: Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('html')], { default: 'json' }) },
  { additionalProperties: false },
);
export type ReportExportQuery = Static<typeof ReportExportQuerySchema>;
