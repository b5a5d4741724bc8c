import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema, JobSchema } from '@ethixai/contracts';
import { initiatorOf } from '../audit-log/initiator.ts';
import { errors } from '../http/error-responses.ts';

/** Job resources of asynchronous analyses: status, progress, report id or error code; cancel. */
const jobsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['jobs'];
  const jobs = fastify.jobsService;

  fastify.get(
    '/:id',
    {
      preHandler: fastify.requireRole('viewer'),
      schema: {
        tags,
        summary: 'An analysis job',
        params: IdParamsSchema,
        response: { 200: JobSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => jobs.get(request.principal.orgId, request.params.id),
  );

  fastify.post(
    '/:id/cancel',
    {
      preHandler: fastify.requireRole('analyst'),
      schema: {
        tags,
        summary: 'Cancel a queued or running job',
        params: IdParamsSchema,
        response: { 200: JobSchema, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => jobs.cancel(request.params.id, initiatorOf(request.principal, request.id)),
  );
};

export default jobsRoutes;
