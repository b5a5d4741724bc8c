import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import incidentsRoutes from './incidents-routes.ts';
import { createIncidentsService, type IncidentsService } from './incidents-service.ts';
import { resolveWebhookTarget } from './webhook-target.ts';

declare module 'fastify' {
  interface FastifyInstance {
    incidentsService: IncidentsService;
  }
}

/** Incidents at /v1/incidents and the Alertmanager webhook at /v1/alerts/webhook. */
async function incidentsPlugin(fastify: FastifyInstance): Promise<void> {
  const target = await resolveWebhookTarget(
    fastify.db,
    fastify.config.INCIDENTS_ORG_ID,
    fastify.secrets.INCIDENTS_WEBHOOK_TOKENS,
    fastify.log,
  );
  fastify.decorate('incidentsService', createIncidentsService(fastify.db, target));
  await fastify.register(incidentsRoutes, { prefix: '/v1' });
}

export default fp(incidentsPlugin, { name: 'incidents', dependencies: ['config', 'db', 'auth'] });
