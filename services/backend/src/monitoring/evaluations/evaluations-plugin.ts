import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import evaluationsRoutes from './evaluations-routes.ts';
import { createEvaluationsService, type EvaluationsService } from './evaluations-service.ts';
import { GroupCommitWriter } from './group-commit-writer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    evaluationsService: EvaluationsService;
  }
}

/**
 * Decisions at /v1/evaluate and /v1/evaluations. One group-commit writer per process; what it has
 * accepted is committed before the database closes.
 */
async function evaluationsPlugin(fastify: FastifyInstance): Promise<void> {
  const { config: cfg, db } = fastify;
  const writer = new GroupCommitWriter(db, {
    intervalMs: cfg.EVALUATE_COMMIT_INTERVAL_MS,
    maxBatchRows: cfg.EVALUATE_MAX_BATCH_ROWS,
    maxQueueRows: cfg.EVALUATE_MAX_QUEUE_ROWS,
  });
  fastify.addHook('onClose', () => writer.drain());
  fastify.decorate(
    'evaluationsService',
    createEvaluationsService({
      db,
      catalog: fastify.modelCatalog,
      window: fastify.liveWindow,
      writer,
      metrics: fastify.businessMetrics,
    }),
  );
  await fastify.register(evaluationsRoutes, { prefix: '/v1' });
}

export default fp(evaluationsPlugin, {
  name: 'evaluations',
  dependencies: ['config', 'db', 'auth', 'business-metrics', 'models'],
});
