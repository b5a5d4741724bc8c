import { Kind, Type, TypeRegistry, type Static } from '@sinclair/typebox';
import { FiniteNumberSchema } from './common.ts';
import { MAX_BYTES_KEYWORD } from './openapi.ts';

/**
 * ai-core's `POST /v1/analyze`: the audit configuration, the data (JSON columnar or rows, or a
 * text/csv body configured by the query string) and the engine's result. The engine's own
 * `validateAuditConfig` stays the authority on meaning (column existence, ranges that depend on
 * the data); these schemas fix the shape at the process boundary and document it.
 */

/** Longest text cell of inline data (a group name or a category, not a document). */
export const MAX_CELL_CHARS = 4096;
/** Most sensitive columns in one audit (their intersections multiply). */
export const MAX_SENSITIVE_COLUMNS = 16;
/** Largest confidence level: above it the normal quantile of the intervals is no longer finite. */
export const MAX_CONFIDENCE = 0.999999;

const ColumnName = Type.String({ minLength: 1, maxLength: 256 });
const ColumnList = Type.Array(ColumnName, { maxItems: 500 });
const ValueList = Type.Array(Type.String({ maxLength: MAX_CELL_CHARS }), { minItems: 1, maxItems: 1000 });
/** A policy threshold: a difference in [0, 1] or a ratio in (0, 1]; null = report without a verdict. */
const NullableNumber = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Count = Type.Number({ minimum: 0, maximum: 1e12 });
const ColumnMap = { maxProperties: MAX_SENSITIVE_COLUMNS, propertyNames: { minLength: 1, maxLength: 256 } };

export const PolicyThresholdsSchema = Type.Object(
  {
    demographicParityDifference: Type.Optional(NullableNumber),
    disparateImpact: Type.Optional(NullableNumber),
    equalOpportunityDifference: Type.Optional(NullableNumber),
    equalizedOddsDifference: Type.Optional(NullableNumber),
    predictiveParityDifference: Type.Optional(NullableNumber),
    fprDifference: Type.Optional(NullableNumber),
    fnrDifference: Type.Optional(NullableNumber),
    forDifference: Type.Optional(NullableNumber),
    fdrDifference: Type.Optional(NullableNumber),
    accuracyDifference: Type.Optional(NullableNumber),
  },
  { additionalProperties: false, description: 'Thresholds per criterion; null = report without a verdict' },
);

/** Mirrors `AuditConfig` of @ethixai/fairness (a type test in ai-core keeps the two in step). */
export const AuditConfigSchema = Type.Object(
  {
    label: ColumnName,
    labelPositive: Type.Optional(Type.Union([ValueList, Type.Null()])),
    prediction: Type.Optional(Type.Union([ColumnName, Type.Null()])),
    predictionPositive: Type.Optional(Type.Union([ValueList, Type.Null()])),
    score: Type.Optional(Type.Union([ColumnName, Type.Null()])),
    threshold: Type.Optional(Type.Union([FiniteNumberSchema, Type.Null()])),
    weights: Type.Optional(Type.Union([ColumnName, Type.Null()])),
    sensitive: Type.Array(ColumnName, { minItems: 1, maxItems: MAX_SENSITIVE_COLUMNS }),
    buckets: Type.Optional(Type.Record(Type.String(), Type.Array(FiniteNumberSchema, { maxItems: 100 }), ColumnMap)),
    missingSensitive: Type.Optional(Type.Union([Type.Literal('group'), Type.Literal('drop'), Type.Literal('error')])),
    reference: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: MAX_CELL_CHARS }), ColumnMap)),
    referenceStrategy: Type.Optional(Type.Union([Type.Literal('largest'), Type.Literal('best-off')])),
    features: Type.Optional(ColumnList),
    minGroupSize: Type.Optional(Count),
    minDenominator: Type.Optional(Count),
    confidence: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_CONFIDENCE })),
    intervalMethod: Type.Optional(
      Type.Union([Type.Literal('wilson'), Type.Literal('clopper-pearson'), Type.Literal('jeffreys')], {
        description: 'Interval of every rate and difference: wilson (default), clopper-pearson (exact) or jeffreys',
      }),
    ),
    policy: Type.Optional(PolicyThresholdsSchema),
    geiAlpha: Type.Optional(Type.Number({ minimum: -10, maximum: 10 })),
    seed: Type.Optional(Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER })),
    calibrationBins: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    intersection: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'What the audit computes (engine AuditConfig)' },
);
export type AuditConfigBody = Static<typeof AuditConfigSchema>;

/** Limits of inline JSON data, the defaults of ai-core's AI_CORE_MAX_ROWS and AI_CORE_MAX_COLUMNS. */
export const MAX_INLINE_ROWS = 5_000_000;
export const MAX_INLINE_COLUMNS = 500;
/**
 * One data cell: a JSON scalar. Written as one `type` list rather than anyOf: Ajv checks it about
 * three times faster per cell, and an inline body has thousands of cells (its own kind makes
 * TypeBox's Value.Check understand the list too).
 */
const CELL_KIND = 'EthixaiCell';
TypeRegistry.Set(
  CELL_KIND,
  (_schema, value) =>
    value === null ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && value.length <= MAX_CELL_CHARS),
);
export const CellSchema = Type.Unsafe<string | number | boolean | null>({
  [Kind]: CELL_KIND,
  type: ['string', 'number', 'boolean', 'null'],
  maxLength: MAX_CELL_CHARS,
  minimum: -Number.MAX_VALUE,
  maximum: Number.MAX_VALUE,
});

const ColumnNames = { propertyNames: { minLength: 1, maxLength: 256 }, maxProperties: MAX_INLINE_COLUMNS };

export const ColumnarDataSchema = Type.Object(
  {
    columns: Type.Record(Type.String(), Type.Array(CellSchema, { maxItems: MAX_INLINE_ROWS }), {
      ...ColumnNames,
      minProperties: 1,
      description: 'Column name -> one value per row; all arrays equally long',
    }),
  },
  { additionalProperties: false },
);
export const RowsDataSchema = Type.Object(
  {
    rows: Type.Array(Type.Record(Type.String(), CellSchema, ColumnNames), {
      maxItems: MAX_INLINE_ROWS,
      description: 'One object per row; an absent key is a missing value',
    }),
  },
  { additionalProperties: false },
);
export const AnalyzeDataSchema = Type.Union([ColumnarDataSchema, RowsDataSchema]);

/** `application/json` body of `POST /v1/analyze`. */
export const AnalyzeRequestSchema = Type.Object(
  { config: AuditConfigSchema, data: AnalyzeDataSchema },
  { additionalProperties: false },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequestSchema>;

/**
 * Query string of a `text/csv` `POST /v1/analyze`. Either `config=<url-encoded JSON AuditConfig>`
 * alone, or one parameter per config field: plain fields by name (`label`, `prediction`, `score`,
 * `threshold`, `weights`, `missingSensitive`, `referenceStrategy`, `minGroupSize`,
 * `minDenominator`, `confidence`, `intervalMethod`, `geiAlpha`, `seed`, `calibrationBins`, `intersection`), lists
 * comma-separated or repeated (`sensitive`, `features`, `labelPositive`, `positive` (alias
 * `predictionPositive`)), maps with a dotted key (`reference.race=Caucasian`,
 * `buckets.age=25,45`, `policy.disparateImpact=0.8`; `null` clears a policy threshold).
 * Values that contain commas need the `config=` form.
 */
const QueryText = Type.String({ maxLength: MAX_CELL_CHARS });
const QueryNumber = Type.String({ maxLength: 64, description: 'a number' });
const QueryList = Type.Union([QueryText, Type.Array(QueryText, { maxItems: 1000 })]);
export const AnalyzeCsvQuerySchema = Type.Object(
  {
    config: Type.Optional(
      Type.String({ maxLength: 8192, description: 'the whole AuditConfig as url-encoded JSON, alone' }),
    ),
    label: Type.Optional(QueryText),
    prediction: Type.Optional(QueryText),
    score: Type.Optional(QueryText),
    weights: Type.Optional(QueryText),
    missingSensitive: Type.Optional(QueryText),
    referenceStrategy: Type.Optional(QueryText),
    threshold: Type.Optional(QueryNumber),
    minGroupSize: Type.Optional(QueryNumber),
    minDenominator: Type.Optional(QueryNumber),
    confidence: Type.Optional(QueryNumber),
    geiAlpha: Type.Optional(QueryNumber),
    seed: Type.Optional(QueryNumber),
    calibrationBins: Type.Optional(QueryNumber),
    intersection: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    sensitive: Type.Optional(QueryList),
    features: Type.Optional(QueryList),
    labelPositive: Type.Optional(QueryList),
    positive: Type.Optional(QueryList),
    predictionPositive: Type.Optional(QueryList),
  },
  {
    patternProperties: { '^(reference|buckets|policy)\\..{1,256}$': QueryText },
    maxProperties: 64,
    propertyNames: { maxLength: 300 },
  },
);
export type AnalyzeCsvQuery = Static<typeof AnalyzeCsvQuerySchema>;

/**
 * `multipart/form-data` body of `POST /v1/analyze` (what the backend sends for a stored dataset):
 * the `config` field (AuditConfig as JSON) first, then the `data` file (CSV), streamed. The byte
 * limits are the service's, so the schema is built with them.
 */
export function analyzeFormSchema(maxCsvBytes: number, maxConfigBytes: number) {
  return {
    type: 'object',
    required: ['config', 'data'],
    additionalProperties: false,
    contentMediaType: 'multipart/form-data',
    [MAX_BYTES_KEYWORD]: maxCsvBytes + maxConfigBytes,
    description: `A config field (JSON, at most ${maxConfigBytes} bytes) then a data file (RFC 4180 CSV in UTF-8 with a header row, at most ${maxCsvBytes} bytes)`,
    properties: {
      config: AuditConfigSchema,
      data: { type: 'string', contentMediaType: 'text/csv', [MAX_BYTES_KEYWORD]: maxCsvBytes },
    },
  };
}

/** 200 body: the engine's complete AuditResult (groups, comparisons, criteria, verdicts, provenance). */
export const AnalyzeResponseSchema = Type.Object(
  {},
  { additionalProperties: true, description: 'AuditResult of @ethixai/fairness, serialised as produced by the engine' },
);
