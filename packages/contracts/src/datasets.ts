import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, TimestampSchema } from './common.ts';

/**
 * Backend datasets: a CSV uploaded as a streamed `text/csv` body (`POST /v1/datasets?name=...` or
 * header `x-dataset-name`), stored compressed in the database, analysed later by id.
 */
export const DatasetNameSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const DatasetUploadQuerySchema = Type.Object(
  { name: Type.Optional(DatasetNameSchema) },
  { additionalProperties: false },
);
export type DatasetUploadQuery = Static<typeof DatasetUploadQuerySchema>;

export const DatasetSchema = Type.Object(
  {
    id: IdSchema,
    name: Type.String(),
    ownerId: IdSchema,
    bytes: Type.Integer({ description: 'Size of the uploaded CSV' }),
    storedBytes: Type.Integer({ description: 'Size after compression, as stored' }),
    rows: Type.Integer({ description: 'Data rows (the header excluded)' }),
    columns: Type.Array(Type.String(), { description: 'Header, in file order' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Digest of the uploaded bytes' }),
    createdAt: TimestampSchema,
  },
  { additionalProperties: false },
);
export type Dataset = Static<typeof DatasetSchema>;

/** Up to this many distinct values per column are recorded with their counts. */
export const PROFILE_VALUE_CAP = 200;

export const ColumnProfileSchema = Type.Object(
  {
    name: Type.String(),
    type: Type.Union([Type.Literal('numeric'), Type.Literal('categorical'), Type.Literal('empty')], {
      description: 'numeric: every non-empty cell is a number; empty: no cell has a value',
    }),
    missing: Type.Integer({ minimum: 0, description: 'Empty cells' }),
    distinct: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: `Distinct values; null when more than ${PROFILE_VALUE_CAP}`,
    }),
    values: Type.Union(
      [
        Type.Array(
          Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
          { maxItems: PROFILE_VALUE_CAP },
        ),
        Type.Null(),
      ],
      {
        description: `Each distinct value with its count, most frequent first; null when more than ${PROFILE_VALUE_CAP}`,
      },
    ),
    min: Type.Union([Type.Number(), Type.Null()], { description: 'Smallest value of a numeric column' }),
    max: Type.Union([Type.Number(), Type.Null()], { description: 'Largest value of a numeric column' }),
  },
  { additionalProperties: false },
);
export type ColumnProfileBody = Static<typeof ColumnProfileSchema>;

export const DatasetDetailSchema = Type.Composite([
  DatasetSchema,
  Type.Object({
    preview: Type.Array(Type.Array(Type.String()), { description: 'The first data rows, as text' }),
    profile: Type.Union([Type.Array(ColumnProfileSchema), Type.Null()], {
      description:
        'One profile per distinct column name, in header order; null for datasets uploaded before profiles were recorded',
    }),
  }),
]);
export type DatasetDetail = Static<typeof DatasetDetailSchema>;

/** Keyset pagination: pass `nextCursor` back as `cursor`; null means the last page. */
export const CursorPageQuerySchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CursorPageQuery = Static<typeof CursorPageQuerySchema>;

export const DatasetListSchema = Type.Object(
  { items: Type.Array(DatasetSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type DatasetList = Static<typeof DatasetListSchema>;
