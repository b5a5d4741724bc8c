import type { FastifyPluginAsync } from 'fastify';

/** Public verification keys so other services can verify our access tokens themselves. */
const jwksRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/.well-known/jwks.json',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Public keys (JWKS) for access tokens' } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return fastify.keyRing.jwks;
    },
  );
};

export default jwksRoutes;
