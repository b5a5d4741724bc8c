import type { FastifyPluginAsync } from 'fastify';
import auditLogRoutes from '../audit-log/audit-log-routes.ts';
import evaluationsRoutes from './evaluations/evaluations-routes.ts';
import incidentsRoutes from './incidents/incidents-routes.ts';
import modelsRoutes from './models/models-routes.ts';
import { createMonitoringContext } from './monitoring-context.ts';
import retentionRoutes from './retention/retention-routes.ts';

/** Decision monitoring and governance, mounted at /v1 by the route registry. */
const monitoringRoutes: FastifyPluginAsync = async (fastify) => {
  const ctx = createMonitoringContext(fastify);
  for (const plugin of [modelsRoutes, evaluationsRoutes, incidentsRoutes, auditLogRoutes, retentionRoutes]) {
    await fastify.register(plugin, { ctx });
  }
};

export default monitoringRoutes;
