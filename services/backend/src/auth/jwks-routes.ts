import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors } from '../http/error-responses.ts';

/** Only the public members are listed, so a private `d` could never be serialised. */
const PublicJwkSchema = Type.Object({
  kty: Type.Optional(Type.String({ description: 'OKP' })),
  crv: Type.Optional(Type.String({ description: 'Ed25519' })),
  x: Type.Optional(Type.String()),
  kid: Type.Optional(Type.String()),
  alg: Type.Optional(Type.String()),
  use: Type.Optional(Type.String()),
});
const JwksSchema = Type.Object(
  { keys: Type.Array(PublicJwkSchema) },
  { description: 'JSON Web Key Set (RFC 7517): the public halves of the signing keys; the first signs new tokens' },
);

/** Public verification keys so other services can verify our access tokens themselves. */
const jwksRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/.well-known/jwks.json',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Public keys (JWKS) for access tokens',
        response: { 200: JwksSchema, ...errors(429) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return fastify.keyRing.jwks;
    },
  );
};

export default jwksRoutes;
