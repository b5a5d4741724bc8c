import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createAuditLogService, type AuditLogService } from './audit-log-service.ts';
import auditLogRoutes from './audit-log-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auditLogService: AuditLogService;
  }
}

/**
 * The audit log: `GET /v1/audit-log`. Other features append their entries themselves, in the
 * transaction that makes the change (initiator.ts), so nothing here is needed to write the chain.
 */
async function auditLogPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate('auditLogService', createAuditLogService(fastify.db));
  await fastify.register(auditLogRoutes, { prefix: '/v1' });
}

export default fp(auditLogPlugin, { name: 'audit-log', dependencies: ['db', 'auth'] });
