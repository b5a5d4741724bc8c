import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { analysesSettings } from '../analyses/analyses-settings.ts';
import datasetsRoutes from './datasets-routes.ts';
import { createDatasetsService, type DatasetsService } from './datasets-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    datasetsService: DatasetsService;
  }
}

/**
 * Datasets at /v1/datasets. In this scope the only body is text/csv, kept as the request stream:
 * the service reads it chunk by chunk, so no upload is held in memory; any other media type is 415.
 */
async function datasetsPlugin(fastify: FastifyInstance): Promise<void> {
  const settings = analysesSettings(fastify.config, fastify.secrets);
  fastify.decorate('datasetsService', createDatasetsService(fastify.db, settings, fastify.idempotency));
  await fastify.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
      await scope.register(datasetsRoutes, { maxBytes: settings.DATASET_MAX_BYTES });
    },
    { prefix: '/v1/datasets' },
  );
}

export default fp(datasetsPlugin, { name: 'datasets', dependencies: ['config', 'db', 'auth', 'idempotency'] });
