import { Type, type Static } from '@sinclair/typebox';

/** Every resource id is a text UUID (the same on SQLite and PostgreSQL). */
export const IdSchema = Type.String({ format: 'uuid', maxLength: 36, description: 'Resource id (UUID)' });
export type Id = Static<typeof IdSchema>;

/** Timestamps cross the boundary as ISO 8601 UTC strings; storage keeps epoch milliseconds. */
export const TimestampSchema = Type.String({
  format: 'date-time',
  maxLength: 64,
  description: 'ISO 8601 UTC timestamp',
});
export type Timestamp = Static<typeof TimestampSchema>;

/** Roles within one organisation, lowest to highest privilege. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  {
    description: 'viewer: read-only auditor; analyst: create and read; admin: users, API keys, settings',
  },
);
export type Role = Static<typeof RoleSchema>;

export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });
export type IdParams = Static<typeof IdParamsSchema>;

/**
 * Largest `offset` of the offset-paginated lists: deeper than any list is long, and far below 2^53
 * (where integers lose precision) and 2^63 (where the databases' OFFSET overflows).
 */
export const MAX_OFFSET = 1_000_000_000;
export const OffsetSchema = Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 });

/** Any finite JSON number, bounds made explicit (JSON cannot carry more; the bound documents it). */
export const FiniteNumberSchema = Type.Number({ minimum: -Number.MAX_VALUE, maximum: Number.MAX_VALUE });

/** Cursor-less offset pagination shared by list endpoints. */
export const PageQuerySchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: OffsetSchema,
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuerySchema>;
