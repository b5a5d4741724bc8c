import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErasureResultSchema, IdParamsSchema } from '@ethixai/contracts';
import { httpError } from '../../errors.ts';
import { actorOf, appendAudit } from '../../audit-log/audit-log-repository.ts';
import { digestOf, sha256Hex } from '../../audit-log/canonical-json.ts';
import type { MonitoringContext } from '../monitoring-context.ts';
import { errors } from '../../http/error-responses.ts';
import { eraseEvaluations, evaluationsOfSubject } from './retention-repository.ts';

const SubjectParams = Type.Object({ subjectId: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
const RetentionSchema = Type.Object({ retentionDays: Type.Integer({ minimum: 1, maximum: 36_500 }) }, { additionalProperties: false });
const PurgeResultSchema = Type.Object({ evaluations: Type.Integer(), windowCells: Type.Integer() });

/**
 * Erasure and retention (admin). The audit entries name a subject only by a salted digest
 * (sha256 of org id and subject id), so the chain holds no personal data and stays verifiable.
 */
const retentionRoutes: FastifyPluginAsyncTypebox<{ ctx: MonitoringContext }> = async (fastify, { ctx }) => {
  const tags = ['retention'];
  const admin = fastify.requireRole('admin');
  const { db } = ctx;

  fastify.delete('/subjects/:subjectId', { preHandler: admin, schema: { tags, summary: "Erase every evaluation of a person (subject id)", params: SubjectParams, response: { 200: ErasureResultSchema, ...errors(400, 401, 403, 429) } } },
    async (request) => {
      const p = request.principal;
      const subjectDigest = sha256Hex(`${p.orgId}:${request.params.subjectId}`);
      const deleted = await db.transaction().execute(async (trx) => {
        const n = await eraseEvaluations(trx, await evaluationsOfSubject(trx, p.orgId, request.params.subjectId));
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'subject.erase', target: { type: 'subject', id: subjectDigest }, requestId: request.id, digest: digestOf({ subject: subjectDigest, deleted: n }) });
        return n;
      });
      ctx.window.invalidate();
      return { deleted };
    });

  fastify.delete('/evaluations/:id', { preHandler: admin, schema: { tags, summary: 'Erase one evaluation', params: IdParamsSchema, response: { 200: ErasureResultSchema, ...errors(400, 401, 403, 404, 429) } } },
    async (request) => {
      const p = request.principal;
      const deleted = await db.transaction().execute(async (trx) => {
        const row = await ctx.evaluations.get(p.orgId, request.params.id, trx);
        if (!row) throw httpError('BE_ERR_EVALUATION_NOT_FOUND', `Evaluation ${request.params.id} not found`);
        const n = await eraseEvaluations(trx, [row]);
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'evaluation.erase', target: { type: 'evaluation', id: row.id }, requestId: request.id, digest: digestOf({ evaluation: row.id, deleted: n }) });
        return n;
      });
      ctx.window.invalidate();
      return { deleted };
    });

  fastify.get('/retention', { schema: { tags, summary: "The organisation's retention period", response: { 200: RetentionSchema, ...errors(401, 429) } } },
    async (request) => {
      const org = await db.selectFrom('organisations').select('retention_days').where('id', '=', request.principal.orgId).executeTakeFirstOrThrow();
      return { retentionDays: Number(org.retention_days) };
    });

  fastify.put('/retention', { preHandler: admin, schema: { tags, summary: 'Set the retention period (days)', body: RetentionSchema, response: { 200: RetentionSchema, ...errors(400, 401, 403, 429) } } },
    async (request) => {
      const p = request.principal;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('organisations').set({ retention_days: request.body.retentionDays }).where('id', '=', p.orgId).execute();
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'retention.update', target: { type: 'organisation', id: p.orgId }, requestId: request.id, digest: digestOf(request.body) });
      });
      return request.body;
    });

  fastify.post('/retention/purge', { preHandler: admin, schema: { tags, summary: 'Run the retention purge now (this organisation)', response: { 200: PurgeResultSchema, ...errors(401, 403, 429) } } },
    async (request) => {
      const [r] = await ctx.purge.runOrg(request.principal.orgId);
      return { evaluations: r?.evaluations ?? 0, windowCells: r?.windowCells ?? 0 };
    });
};

export default retentionRoutes;
