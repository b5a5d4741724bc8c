import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorBody } from '../errors.ts';

/**
 * Liveness and readiness. /ready checks only what this process needs to serve its own traffic
 * (the database), never ai-core (DESIGN §6). Swap for @ethixai/observability's plugin when it lands.
 */
async function healthPlugin(fastify: FastifyInstance): Promise<void> {
  const Status = Type.Object({ status: Type.String() });
  fastify.get(
    '/health',
    { config: { public: true }, schema: { hide: true, response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  fastify.get('/ready', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    try {
      await fastify.dbHandle.ping();
      return { status: 'ready', checks: { database: 'ok' } };
    } catch (err) {
      request.log.warn({ err }, 'readiness: database unreachable');
      return reply.code(503).header('retry-after', '5').send(errorBody(503, 'BE_ERR_NOT_READY', 'Database unreachable'));
    }
  });
}

export default fp(healthPlugin, { name: 'health', dependencies: ['db'] });
