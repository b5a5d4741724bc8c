import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParamsSchema, JobSchema } from '@ethixai/contracts';
import type { AnalysesContext } from '../analyses/analyses-context.ts';
import { httpError } from '../errors.ts';
import { auditRequest } from '../audit-log/request-audit.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));

/** Job resources of asynchronous analyses: status, progress, report id or error code; cancel. */
const jobsRoutes: FastifyPluginAsyncTypebox<{ ctx: AnalysesContext }> = async (fastify, { ctx }) => {
  const tags = ['jobs'];
  const notFound = (id: string) => httpError('BE_ERR_JOB_NOT_FOUND', `Job ${id} not found`);

  fastify.get('/:id', {
    preHandler: fastify.requireRole('viewer'),
    schema: { tags, summary: 'An analysis job', params: IdParamsSchema, response: { 200: JobSchema, ...errors(400, 401, 403, 404, 429) } },
  }, async (request) => {
    const job = await ctx.jobs.find(request.principal.orgId, request.params.id);
    if (!job) throw notFound(request.params.id);
    return job;
  });

  fastify.post('/:id/cancel', {
    preHandler: fastify.requireRole('analyst'),
    schema: { tags, summary: 'Cancel a queued or running job', params: IdParamsSchema, response: { 200: JobSchema, ...errors(400, 401, 403, 404, 409, 429) } },
  }, async (request) => {
    const { orgId } = request.principal;
    const cancelled = await ctx.jobs.cancel(orgId, request.params.id);
    if (cancelled === null) throw notFound(request.params.id);
    if (cancelled) await auditRequest(ctx.db, request, 'job.cancel', { type: 'job', id: request.params.id }, { status: 'cancelled' });
    const job = await ctx.jobs.find(orgId, request.params.id);
    if (!job) throw notFound(request.params.id);
    // Cancelling twice is harmless; cancelling a finished job is a conflict.
    if (!cancelled && job.status !== 'cancelled') throw httpError('BE_ERR_JOB_NOT_CANCELLABLE', `Job ${job.id} has already ${job.status}`);
    return job;
  });
};

export default jobsRoutes;
