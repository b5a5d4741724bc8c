import { Type, type Static } from '@sinclair/typebox';
import { AnalyzeDataSchema, AuditConfigSchema } from './analysis.ts';
import { CountsDocumentSchema } from './counts.ts';
import { IdSchema, TimestampSchema } from './common.ts';

/**
 * Backend `POST /v1/analyses`: audit a stored dataset or inline data. Small analyses answer 201
 * with the report; large ones (or `Prefer: respond-async`) answer 202 with a job.
 */
export const AnalysisOfDatasetSchema = Type.Object(
  { datasetId: IdSchema, config: AuditConfigSchema },
  { additionalProperties: false },
);
export const AnalysisOfInlineDataSchema = Type.Object(
  { config: AuditConfigSchema, data: AnalyzeDataSchema },
  { additionalProperties: false },
);
/** Per-group counts from the counting query a warehouse job ran (see docs/warehouse.md), instead of rows. */
export const AnalysisOfCountsSchema = Type.Object(
  { config: AuditConfigSchema, counts: CountsDocumentSchema },
  { additionalProperties: false },
);
export type AnalysisRequest =
  | Static<typeof AnalysisOfDatasetSchema>
  | Static<typeof AnalysisOfInlineDataSchema>
  | Static<typeof AnalysisOfCountsSchema>;

/**
 * One of three shapes: with `datasetId` an analysis of a stored dataset, with `counts` of per-group
 * counts, otherwise of inline data. if/then/else (not anyOf), so a validation error names the field
 * of the shape that applies.
 */
export const AnalysisRequestSchema = Type.Unsafe<AnalysisRequest>({
  type: 'object',
  if: { type: 'object', required: ['datasetId'] },
  then: AnalysisOfDatasetSchema,
  else: {
    if: { type: 'object', required: ['counts'] },
    then: AnalysisOfCountsSchema,
    else: AnalysisOfInlineDataSchema,
  },
  description:
    'An analysis of a stored dataset ({datasetId, config}), of per-group counts ({config, counts}) or of inline data ({config, data})',
});

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobStatusSchema = Type.Union(JOB_STATUSES.map((s) => Type.Literal(s)));
export type JobStatus = Static<typeof JobStatusSchema>;

export const JobSchema = Type.Object(
  {
    id: IdSchema,
    status: JobStatusSchema,
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    datasetId: Type.Union([IdSchema, Type.Null()]),
    reportId: Type.Union([IdSchema, Type.Null()]),
    error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
    attempts: Type.Integer({ minimum: 0 }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  },
  { additionalProperties: false },
);
export type Job = Static<typeof JobSchema>;
