import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditLogPageSchema, AuditLogQuerySchema } from '@ethixai/contracts';
import { errors } from '../http/error-responses.ts';

/** The organisation's audit chain, oldest first, paged by seq (admin). */
const auditLogRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/audit-log',
    {
      preHandler: fastify.requireRole('admin'),
      schema: {
        tags: ['audit-log'],
        summary: 'Read the audit chain',
        querystring: AuditLogQuerySchema,
        response: { 200: AuditLogPageSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) =>
      fastify.auditLogService.page(request.principal.orgId, request.query.afterSeq, request.query.limit),
  );
};

export default auditLogRoutes;
