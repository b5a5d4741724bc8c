import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import historyRoutes from './history-routes.ts';
import { createFairnessHistoryService } from './history-service.ts';

/** GET /v1/models/{id}/fairness/history: the live window over time, for the UI's model page. */
async function fairnessHistoryPlugin(fastify: FastifyInstance): Promise<void> {
  const service = createFairnessHistoryService(fastify.db, (orgId, id) => fastify.modelsService.get(orgId, id));
  await fastify.register(historyRoutes, { prefix: '/v1', service });
}

export default fp(fairnessHistoryPlugin, { name: 'fairness-history', dependencies: ['db', 'auth', 'models'] });
