import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EvaluateBatchResultSchema, EvaluateBodySchema, EvaluateResultSchema, EvaluationDetailSchema, EvaluationListQuerySchema,
  EvaluationListSchema, EvaluationSchema, IdParamsSchema, OutcomeBodySchema, type DecisionInput,
} from '@ethixai/contracts';
import { httpError } from '../../errors.ts';
import type { MonitoringContext } from '../monitoring-context.ts';
import { errors } from '../../http/error-responses.ts';
import { sampledTraceOf } from '@ethixai/observability';
import { toEvaluation, toEvaluationDetail } from './evaluation-row.ts';

/**
 * POST /v1/evaluate. One decision: 201 (stored now), 200 (the same decision id with the same
 * content was already stored: its stored evaluation is replayed), 409 (same id, other content).
 * A batch `{decisions:[...]}`: 200 with one result per decision (created | replayed | conflict).
 */
const evaluationsRoutes: FastifyPluginAsyncTypebox<{ ctx: MonitoringContext }> = async (fastify, { ctx }) => {
  const tags = ['evaluations'];
  const analyst = fastify.requireRole('analyst');

  fastify.post('/evaluate', {
    preHandler: analyst,
    config: { rateLimitClass: 'evaluate' },
    schema: {
      tags, summary: 'Assess and record one decision or a batch of up to 1,000', body: EvaluateBodySchema,
      response: { 200: { anyOf: [EvaluateResultSchema, EvaluateBatchResultSchema] }, 201: EvaluateResultSchema, ...errors(400, 401, 403, 404, 409, 413, 429, 503) },
    },
  }, async (request, reply) => {
    const body = request.body;
    const isBatch = 'decisions' in body;
    const decisions: DecisionInput[] = isBatch ? body.decisions : [body];
    const results = await ctx.evaluate.evaluate(request.principal.orgId, decisions, sampledTraceOf(request));
    fastify.businessMetrics.evaluated(results);
    if (!isBatch) {
      const r = results[0];
      if (r.status === 'conflict') throw httpError('BE_ERR_DECISION_CONFLICT', `decisionId "${decisions[0].decisionId}" is already stored for this model with different content`);
      return reply.code(r.status === 'created' ? 201 : 200).send({ evaluation: r.evaluation, replayed: r.status === 'replayed' });
    }
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return reply.code(200).send({
      created: count('created'), replayed: count('replayed'), conflicts: count('conflict'),
      results: results.map((r, index) => ({ index, decisionId: decisions[index].decisionId, ...r })),
    });
  });

  fastify.get('/evaluations', { schema: { tags, summary: 'List evaluations (newest decision first)', querystring: EvaluationListQuerySchema, response: { 200: EvaluationListSchema, ...errors(400, 401, 429) } } },
    async (request) => {
      const { items, total } = await ctx.evaluations.list(request.principal.orgId, request.query);
      return { items: items.map(toEvaluation), total };
    });

  fastify.get('/evaluations/:id', { schema: { tags, summary: 'One evaluation with the submitted decision', params: IdParamsSchema, response: { 200: EvaluationDetailSchema, ...errors(400, 401, 404, 429) } } },
    async (request) => {
      const row = await ctx.evaluations.get(request.principal.orgId, request.params.id);
      if (!row) throw httpError('BE_ERR_EVALUATION_NOT_FOUND', `Evaluation ${request.params.id} not found`);
      return toEvaluationDetail(row);
    });

  fastify.post('/evaluations/:id/outcome', { preHandler: analyst, schema: { tags, summary: 'Attach the ground truth; updates the window bucket of the decision', params: IdParamsSchema, body: OutcomeBodySchema, response: { 200: EvaluationSchema, ...errors(400, 401, 403, 404, 409, 429) } } },
    async (request) => {
      const { row } = await ctx.evaluations.recordOutcome(request.principal.orgId, request.params.id, request.body.outcome);
      return toEvaluation(row);
    });
};

export default evaluationsRoutes;
