import { Type, type Static } from '@sinclair/typebox';
import { AnalyzeRequestSchema, AuditConfigSchema, CellSchema, type AnalyzeRequest } from './analysis.ts';
import { FiniteNumberSchema } from './common.ts';

/**
 * A counts document: the result of ethixai's counting query (`ethixai sql`, or a run against
 * DuckDB or PostgreSQL) with the query's specification. A warehouse job runs the printed query and
 * sends this instead of rows: only aggregates leave the warehouse. The specification is data, never
 * SQL text: the service rebuilds the query from it for the report's provenance.
 */
export const COUNTS_FORMAT = 'ethixai.counts/1';
/** Result rows of one document (groups × label × decision × score bins). */
export const MAX_COUNTS_ROWS = 500_000;
/** Rows of the optional sample that drivers and proxies are computed from. */
export const MAX_SAMPLE_ROWS = 100_000;

const Name = Type.String({ minLength: 1, maxLength: 256 });
const Names = (maxItems: number) => Type.Array(Name, { minItems: 1, maxItems });
const Finite = FiniteNumberSchema;

export const SourceSpecSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('table'), name: Names(3) },
    { additionalProperties: false, description: 'a table, optionally schema-qualified: ["analytics", "decisions"]' },
  ),
  Type.Object(
    {
      kind: Type.Literal('parquet'),
      paths: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { minItems: 1, maxItems: 1000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('csv'),
      path: Type.String({ minLength: 1, maxLength: 4096 }),
      delimiter: Type.String({ minLength: 1, maxLength: 1 }),
    },
    { additionalProperties: false },
  ),
]);

export const ColumnKindSchema = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('other')]);

export const ScoreSpecSchema = Type.Union([
  Type.Object(
    {
      mode: Type.Literal('bins'),
      bins: Type.Integer({ minimum: 1, maximum: 65536 }),
      calibrationBins: Type.Integer({ minimum: 1, maximum: 1000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { mode: Type.Literal('exact'), calibrationBins: Type.Integer({ minimum: 1, maximum: 1000 }) },
    { additionalProperties: false },
  ),
]);

export const QuerySpecSchema = Type.Object(
  {
    dialect: Type.Union(['duckdb', 'postgres', 'trino', 'spark', 'bigquery'].map((d) => Type.Literal(d))),
    source: SourceSpecSchema,
    label: Name,
    prediction: Type.Union([Name, Type.Null()]),
    threshold: Type.Union([Finite, Type.Null()]),
    score: Type.Union([Name, Type.Null()]),
    weights: Type.Union([Name, Type.Null()]),
    sensitive: Type.Array(
      Type.Object(
        { name: Name, buckets: Type.Union([Type.Array(Finite, { minItems: 1, maxItems: 100 }), Type.Null()]) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 16 },
    ),
    missingSensitive: Type.Union([Type.Literal('group'), Type.Literal('drop'), Type.Literal('error')]),
    kinds: Type.Record(Type.String(), ColumnKindSchema, {
      maxProperties: 64,
      propertyNames: { minLength: 1, maxLength: 256 },
    }),
    filters: Type.Array(
      Type.Object({ column: Name, value: Type.String({ maxLength: 4096 }) }, { additionalProperties: false }),
      { maxItems: 32 },
    ),
    scores: Type.Union([ScoreSpecSchema, Type.Null()]),
  },
  {
    additionalProperties: false,
    description: 'What the counting query computed: columns, source, filters, kinds, score bins',
  },
);
export type QuerySpecBody = Static<typeof QuerySpecSchema>;

const ColumnNames = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 64 });

export const CountsSampleSchema = Type.Object(
  {
    method: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'how the engine drew it, e.g. "reservoir 100000 rows" or "TABLESAMPLE BERNOULLI (1.5)"',
    }),
    columns: Type.Array(Name, { minItems: 1, maxItems: 500 }),
    rows: Type.Array(Type.Array(CellSchema, { maxItems: 500 }), { maxItems: MAX_SAMPLE_ROWS }),
  },
  { additionalProperties: false, description: 'A bounded sample of rows, for drivers and proxies' },
);

export const CountsDocumentSchema = Type.Object(
  {
    format: Type.Literal(COUNTS_FORMAT),
    query: QuerySpecSchema,
    columns: ColumnNames,
    rows: Type.Array(Type.Array(CellSchema, { maxItems: 64 }), {
      maxItems: MAX_COUNTS_ROWS,
      description: 'The query result, one array per row in `columns` order',
    }),
    scoreRange: Type.Optional(
      Type.Object(
        { lo: Finite, hi: Finite },
        { additionalProperties: false, description: 'bins range when the query got it as parameters' },
      ),
    ),
    sample: Type.Optional(CountsSampleSchema),
  },
  { additionalProperties: false, description: 'Per-group counts from the counting query (see docs/warehouse.md)' },
);
export type CountsDocument = Static<typeof CountsDocumentSchema>;

/** ai-core `POST /v1/analyze` (and backend `POST /v1/analyses`) with counts instead of rows. */
export const AnalyzeCountsRequestSchema = Type.Object(
  { config: AuditConfigSchema, counts: CountsDocumentSchema },
  { additionalProperties: false },
);
export type AnalyzeCountsRequest = Static<typeof AnalyzeCountsRequestSchema>;

/**
 * The JSON body of `POST /v1/analyze`: rows ({config, data}) or counts ({config, counts}).
 * if/then/else (not anyOf), so a validation error names the field of the shape that applies.
 */
export const AnalyzeJsonBodySchema = Type.Unsafe<AnalyzeRequest | AnalyzeCountsRequest>({
  type: 'object',
  if: { type: 'object', required: ['counts'] },
  then: AnalyzeCountsRequestSchema,
  else: AnalyzeRequestSchema,
  description: 'Rows ({config, data}) or per-group counts from the counting query ({config, counts})',
});
