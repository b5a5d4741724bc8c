import { Type, type Static } from '@sinclair/typebox';

/** Every resource id is a text UUID (the same on SQLite and PostgreSQL). */
export const IdSchema = Type.String({ format: 'uuid', description: 'Resource id (UUID)' });
export type Id = Static<typeof IdSchema>;

/** Timestamps cross the boundary as ISO 8601 UTC strings; storage keeps epoch milliseconds. */
export const TimestampSchema = Type.String({ format: 'date-time', description: 'ISO 8601 UTC timestamp' });
export type Timestamp = Static<typeof TimestampSchema>;

/** Roles within one organisation, lowest to highest privilege. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)), {
  description: 'viewer: read-only auditor; analyst: create and read; admin: users, API keys, settings',
});
export type Role = Static<typeof RoleSchema>;

export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });
export type IdParams = Static<typeof IdParamsSchema>;

/** Cursor-less offset pagination shared by list endpoints. */
export const PageQuerySchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuerySchema>;
