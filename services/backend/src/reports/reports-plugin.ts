import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import etag from '@fastify/etag';
import { analysesSettings } from '../analyses/analyses-settings.ts';
import reportsRoutes from './reports-routes.ts';
import { createReportsService, type ReportsService } from './reports-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    reportsService: ReportsService;
  }
}

/** Reports at /v1/reports (viewer and above). Analyses write them; nothing here changes one. */
async function reportsPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate(
    'reportsService',
    createReportsService(fastify.db, analysesSettings(fastify.config, fastify.secrets)),
  );
  await fastify.register(
    async (scope) => {
      // Weak tags: @fastify/compress may send a response in another coding afterwards.
      await scope.register(etag, { weak: true });
      await scope.register(reportsRoutes);
    },
    { prefix: '/v1/reports' },
  );
}

export default fp(reportsPlugin, { name: 'reports', dependencies: ['config', 'db', 'auth'] });
