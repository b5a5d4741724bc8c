import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditLogPageSchema, AuditLogQuerySchema } from '@ethixai/contracts';
import { iso } from '../db/sql-helpers.ts';
import type { MonitoringContext } from '../monitoring/monitoring-context.ts';
import { errors } from '../http/error-responses.ts';
import { listAudit } from './audit-log-repository.ts';

/** The organisation's audit chain, oldest first, paged by seq (admin). */
const auditLogRoutes: FastifyPluginAsyncTypebox<{ ctx: MonitoringContext }> = async (fastify, { ctx }) => {
  fastify.get('/audit-log', { preHandler: fastify.requireRole('admin'), schema: { tags: ['audit-log'], summary: 'Read the audit chain', querystring: AuditLogQuerySchema, response: { 200: AuditLogPageSchema, ...errors(400, 401, 403, 429) } } },
    async (request) => {
      const orgId = request.principal.orgId;
      const { afterSeq, limit } = request.query;
      const rows = await listAudit(ctx.db, orgId, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      return {
        orgId,
        items: page.map((r) => ({
          seq: Number(r.seq), at: iso(Number(r.at)), actorKind: r.actor_kind, actorId: r.actor_id, action: r.action, targetType: r.target_type,
          targetId: r.target_id, requestId: r.request_id, digest: r.digest, prevHash: r.prev_hash, hash: r.hash,
        })),
        nextAfterSeq: rows.length > limit ? Number(page[page.length - 1].seq) : null,
      };
    });
};

export default auditLogRoutes;
