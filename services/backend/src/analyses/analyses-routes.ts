import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AnalysisRequestSchema, JobSchema, MAX_BYTES_KEYWORD, ReportSchema } from '@ethixai/contracts';
import { initiatorOf } from '../audit-log/initiator.ts';
import { errors } from '../http/error-responses.ts';
import { IdempotencyKeyHeader, idempotencyOf, sendAnswer } from '../idempotency/idempotent-request.ts';

const ROUTE = 'POST /v1/analyses';

const PreferHeaders = Type.Object({
  prefer: Type.Optional(
    Type.String({ maxLength: 1024, description: '`respond-async`: answer 202 with a job even for a small analysis' }),
  ),
  'idempotency-key': IdempotencyKeyHeader,
});

function wantsAsync(header: string | undefined): boolean {
  return (header ?? '').split(/[,;]/).some((p) => p.trim().toLowerCase() === 'respond-async');
}

/** `POST /v1/analyses`: 201 with the report, or 202 with a job for large inputs. */
const analysesRoutes: FastifyPluginAsyncTypebox<{ bodyLimit: number }> = async (fastify, { bodyLimit }) => {
  const analyses = fastify.analysesService;

  fastify.post(
    '/',
    {
      preHandler: fastify.requireRole('analyst'),
      bodyLimit,
      schema: {
        tags: ['analyses'],
        summary:
          'Audit a dataset ({datasetId, config}) or inline data ({config, data}); Idempotency-Key and Prefer: respond-async supported',
        headers: PreferHeaders,
        body: { ...AnalysisRequestSchema, [MAX_BYTES_KEYWORD]: bodyLimit },
        response: {
          201: ReportSchema,
          202: JobSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await analyses.create({
          by: initiatorOf(request.principal, request.id),
          request: request.body,
          raw: request.rawBody as Buffer,
          respondAsync: wantsAsync(request.headers.prefer),
          idempotency: idempotencyOf(request, ROUTE),
          receivedAt: performance.now() - reply.elapsedTime,
        }),
      ),
  );
};

export default analysesRoutes;
