import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, RoleSchema, TimestampSchema } from './common.ts';

export const ApiKeySchema = Type.Object({
  id: IdSchema,
  orgId: IdSchema,
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the key, to recognise it; never the secret' }),
  role: RoleSchema,
  rateLimitPerMinute: Type.Integer(),
  createdBy: IdSchema,
  createdAt: TimestampSchema,
  lastUsedAt: Type.Union([TimestampSchema, Type.Null()]),
  revokedAt: Type.Union([TimestampSchema, Type.Null()]),
});
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreateApiKeyBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;

/** `secret` is shown once, at creation; only its SHA-256 is stored. */
export const CreatedApiKeySchema = Type.Object({ apiKey: ApiKeySchema, secret: Type.String() });
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;

export const ApiKeyListSchema = Type.Object({ items: Type.Array(ApiKeySchema) });
export type ApiKeyList = Static<typeof ApiKeyListSchema>;
