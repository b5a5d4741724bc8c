import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EvaluateBatchResultSchema,
  EvaluateBodySchema,
  EvaluateResultSchema,
  EvaluationDetailSchema,
  EvaluationListQuerySchema,
  EvaluationListSchema,
  EvaluationSchema,
  IdParamsSchema,
  OutcomeBodySchema,
} from '@ethixai/contracts';
import { errors } from '../../http/error-responses.ts';

/** POST /v1/evaluate (one decision or a batch), the stored evaluations, and their outcomes. */
const evaluationsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['evaluations'];
  const analyst = fastify.requireRole('analyst');
  const evaluations = fastify.evaluationsService;

  fastify.post(
    '/evaluate',
    {
      preHandler: analyst,
      config: { rateLimitClass: 'evaluate' },
      schema: {
        tags,
        summary: 'Assess and record one decision or a batch of up to 1,000',
        body: EvaluateBodySchema,
        response: {
          200: { anyOf: [EvaluateResultSchema, EvaluateBatchResultSchema] },
          201: EvaluateResultSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { statusCode, body } = await evaluations.submit(request.principal.orgId, request.body);
      return reply.code(statusCode).send(body);
    },
  );

  fastify.get(
    '/evaluations',
    {
      schema: {
        tags,
        summary: 'List evaluations (newest decision first)',
        querystring: EvaluationListQuerySchema,
        response: { 200: EvaluationListSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => evaluations.list(request.principal.orgId, request.query),
  );

  fastify.get(
    '/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'One evaluation with the submitted decision',
        params: IdParamsSchema,
        response: { 200: EvaluationDetailSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => evaluations.get(request.principal.orgId, request.params.id),
  );

  fastify.post(
    '/evaluations/:id/outcome',
    {
      preHandler: analyst,
      schema: {
        tags,
        summary: 'Attach the ground truth; updates the window bucket of the decision',
        params: IdParamsSchema,
        body: OutcomeBodySchema,
        response: { 200: EvaluationSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request) => evaluations.recordOutcome(request.principal.orgId, request.params.id, request.body.outcome),
  );
};

export default evaluationsRoutes;
