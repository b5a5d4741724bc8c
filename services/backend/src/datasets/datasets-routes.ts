import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CursorPageQuerySchema,
  DatasetDetailSchema,
  DatasetListSchema,
  DatasetUploadQuerySchema,
  IdParamsSchema,
  streamedBody,
} from '@ethixai/contracts';
import { initiatorOf } from '../audit-log/initiator.ts';
import { errors } from '../http/error-responses.ts';
import { IdempotencyKeyHeader, idempotencyOf, sendAnswer } from '../idempotency/idempotent-request.ts';

const ROUTE = 'POST /v1/datasets';

const UploadHeaders = Type.Object({
  'x-dataset-name': Type.Optional(
    Type.String({ maxLength: 1024, description: 'The dataset name when ?name= is not given (1-200 characters)' }),
  ),
  'idempotency-key': IdempotencyKeyHeader,
});

/** CSV datasets: streamed upload (validated and compressed on the way in), list, detail, delete. */
const datasetsRoutes: FastifyPluginAsyncTypebox<{ maxBytes: number }> = async (fastify, { maxBytes }) => {
  const tags = ['datasets'];
  const datasets = fastify.datasetsService;

  fastify.post(
    '/',
    {
      preHandler: fastify.requireRole('analyst'),
      schema: {
        tags,
        summary: 'Upload a CSV (text/csv body; name in ?name= or x-dataset-name); Idempotency-Key supported',
        querystring: DatasetUploadQuerySchema,
        headers: UploadHeaders,
        body: streamedBody(
          'text/csv',
          maxBytes,
          'The dataset: RFC 4180 CSV in UTF-8 with a header row, streamed (never held in memory)',
        ),
        response: { 201: DatasetDetailSchema, ...errors(400, 401, 403, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      return sendAnswer(
        reply,
        await datasets.upload({
          by: initiatorOf(request.principal, request.id),
          name: request.query.name ?? request.headers['x-dataset-name'] ?? '',
          declaredBytes: Number(request.headers['content-length'] ?? 0) || 0,
          body: request.body as AsyncIterable<Uint8Array>,
          idempotency: idempotencyOf(request, ROUTE),
        }),
      );
    },
  );

  fastify.get(
    '/',
    {
      preHandler: fastify.requireRole('viewer'),
      schema: {
        tags,
        summary: 'Datasets of the organisation, newest first',
        querystring: CursorPageQuerySchema,
        response: { 200: DatasetListSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => datasets.list(request.principal.orgId, request.query.limit, request.query.cursor),
  );

  fastify.get(
    '/:id',
    {
      preHandler: fastify.requireRole('viewer'),
      schema: {
        tags,
        summary: 'Dataset metadata with the header and the first rows',
        params: IdParamsSchema,
        response: { 200: DatasetDetailSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => datasets.get(request.principal.orgId, request.params.id),
  );

  fastify.delete(
    '/:id',
    {
      preHandler: fastify.requireRole('analyst'),
      schema: {
        tags,
        summary: 'Delete a dataset (its reports stay: they are immutable)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await datasets.remove(request.params.id, initiatorOf(request.principal, request.id));
      return reply.code(204).send(null);
    },
  );
};

export default datasetsRoutes;
