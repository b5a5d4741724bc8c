import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import apiKeysRoutes from './api-keys-routes.ts';
import { createApiKeysService, type ApiKeysService } from './api-keys-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    apiKeysService: ApiKeysService;
  }
}

/** API keys at /v1/api-keys, managed by users (never by another key). */
async function apiKeysPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate(
    'apiKeysService',
    createApiKeysService(fastify.db, fastify.authenticator, fastify.config.RATE_LIMIT_API_KEY_DEFAULT_MAX),
  );
  await fastify.register(apiKeysRoutes, { prefix: '/v1/api-keys' });
}

export default fp(apiKeysPlugin, { name: 'api-keys', dependencies: ['config', 'db', 'auth'] });
