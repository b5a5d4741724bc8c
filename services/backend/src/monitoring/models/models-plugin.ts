import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { LiveWindow } from '../live-window/live-window.ts';
import { ModelCatalog } from './model-catalog.ts';
import modelsRoutes from './models-routes.ts';
import { createModelsRepository } from './models-repository.ts';
import { createModelsService, type ModelsService } from './models-service.ts';
import { ReportedLiveWindow } from './reported-window.ts';

declare module 'fastify' {
  interface FastifyInstance {
    modelsService: ModelsService;
    /** Models and their current policy, cached for the evaluate path (MONITORING_CACHE_TTL_MS). */
    modelCatalog: ModelCatalog;
    /** The persisted live fairness window of every model version, with its verdict cache. */
    liveWindow: LiveWindow;
  }
}

/** Monitored models at /v1/models; the catalog and live window evaluations and retention share. */
async function modelsPlugin(fastify: FastifyInstance): Promise<void> {
  const { db, config } = fastify;
  const models = createModelsRepository(db);
  const catalog = new ModelCatalog(models, config.MONITORING_CACHE_TTL_MS);
  const window = new ReportedLiveWindow(db, config.MONITORING_CACHE_TTL_MS, catalog, () => fastify.businessMetrics);
  fastify.decorate('modelCatalog', catalog);
  fastify.decorate('liveWindow', window);
  fastify.decorate('modelsService', createModelsService({ db, models, catalog, window }));
  await fastify.register(modelsRoutes, { prefix: '/v1' });
}

export default fp(modelsPlugin, { name: 'models', dependencies: ['config', 'db', 'auth', 'business-metrics'] });
