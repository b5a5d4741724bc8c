import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, RoleSchema } from './common.ts';

export const LoginBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

/** Refresh and logout both present the opaque refresh token. */
export const RefreshBodySchema = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBodySchema>;

export const TokenPairSchema = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String({ description: 'JWT (EdDSA, kid header), short-lived' }),
  expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
  refreshToken: Type.String({ description: 'Opaque, single use: each refresh returns a new one' }),
  refreshExpiresIn: Type.Integer({ description: 'Refresh token lifetime in seconds' }),
});
export type TokenPair = Static<typeof TokenPairSchema>;

export const PrincipalKindSchema = Type.Union([Type.Literal('user'), Type.Literal('api_key')]);

export const MeResponseSchema = Type.Object({
  kind: PrincipalKindSchema,
  id: IdSchema,
  orgId: IdSchema,
  role: RoleSchema,
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
});
export type MeResponse = Static<typeof MeResponseSchema>;

/**
 * The browser's session (`/v1/auth/session`): the refresh token travels only in an httpOnly
 * cookie, never in a body; the access token is kept in the page's memory.
 */
export const BrowserSessionSchema = Type.Object(
  {
    tokenType: Type.Literal('Bearer'),
    accessToken: Type.String({ description: 'JWT (EdDSA, kid header), short-lived; keep it in memory only' }),
    expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
    csrfToken: Type.String({
      description:
        'Send it as X-CSRF-Token on refresh and logout (also readable from the __Host-ethixai-csrf cookie after a reload)',
    }),
  },
  { additionalProperties: false },
);
export type BrowserSession = Static<typeof BrowserSessionSchema>;
