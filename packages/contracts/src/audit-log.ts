import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, TimestampSchema } from './common.ts';

/** One link of an organisation's audit chain. Never personal data: targets are ids, changes are digests. */
export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  at: TimestampSchema,
  actorKind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
  actorId: Type.String(),
  action: Type.String({ description: 'dotted verb, e.g. model.create, subject.erase' }),
  targetType: Type.String(),
  targetId: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  digest: Type.String({ description: 'sha256 hex of the canonical JSON of the change' }),
  prevHash: Type.String(),
  hash: Type.String({
    description:
      'HMAC-SHA256 of prevHash and the entry under the key keyId (sha256 for an unkeyed entry written before keys existed)',
  }),
  keyId: Type.Union([Type.String(), Type.Null()], {
    description: 'id of the HMAC key that sealed the entry; null for an unkeyed entry from before keyed entries',
  }),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditLogQuerySchema = Type.Object(
  {
    afterSeq: Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      default: 0,
      description: 'return entries with seq > afterSeq',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type AuditLogQuery = Static<typeof AuditLogQuerySchema>;

export const AuditLogPageSchema = Type.Object({
  orgId: IdSchema,
  items: Type.Array(AuditEntrySchema),
  nextAfterSeq: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditLogPage = Static<typeof AuditLogPageSchema>;
