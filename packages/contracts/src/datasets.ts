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

export const DatasetDetailSchema = Type.Composite([
  DatasetSchema,
  Type.Object({ preview: Type.Array(Type.Array(Type.String()), { description: 'The first data rows, as text' }) }),
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
