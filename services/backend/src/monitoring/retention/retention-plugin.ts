import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { erasureLogAt, erasureLogPath } from './erasure-log.ts';
import { startPurgeSchedule } from './purge-schedule.ts';
import retentionRoutes from './retention-routes.ts';
import { createRetentionService, type RetentionService } from './retention-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    retentionService: RetentionService;
  }
}

/** Erasure and retention at /v1/subjects, /v1/evaluations/:id and /v1/retention; the scheduled purge. */
async function retentionPlugin(fastify: FastifyInstance): Promise<void> {
  const purge = startPurgeSchedule(fastify.db, fastify.config.RETENTION_PURGE_INTERVAL_MS, fastify.log);
  fastify.addHook('onClose', async () => purge.stop());
  fastify.decorate(
    'retentionService',
    createRetentionService({
      db: fastify.db,
      window: fastify.liveWindow,
      purgeOrg: (orgId) => purge.runOrg(orgId),
      erasureLog: erasureLogAt(erasureLogPath(fastify.config)),
    }),
  );
  await fastify.register(retentionRoutes, { prefix: '/v1' });
}

export default fp(retentionPlugin, { name: 'retention', dependencies: ['config', 'db', 'auth', 'models'] });
