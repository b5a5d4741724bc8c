import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CursorPageQuerySchema, DatasetDetailSchema, DatasetListSchema, DatasetUploadQuerySchema, IdParamsSchema } from '@ethixai/contracts';
import type { AnalysesContext } from '../analyses/analyses-context.ts';
import { httpError } from '../errors.ts';
import { auditRequest } from '../audit-log/request-audit.ts';
import { idempotencyKeyOf, inFlightError, reuseError, scopeOf, sendStored } from '../idempotency/idempotent-request.ts';
import { decodeCursor } from '../reports/page-cursor.ts';
import { digestStream, storeUpload, tooLarge, uploadHash } from './datasets-service.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));
const ROUTE = 'POST /v1/datasets';

/** CSV datasets: streamed upload (validated and compressed on the way in), list, detail, delete. */
const datasetsRoutes: FastifyPluginAsyncTypebox<{ ctx: AnalysesContext }> = async (fastify, { ctx }) => {
  const tags = ['datasets'];
  const maxBytes = ctx.settings.DATASET_MAX_BYTES;
  // The body stays a stream: the handler reads it chunk by chunk, so no upload is held in memory.
  fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  fastify.post('/', {
    preHandler: fastify.requireRole('analyst'),
    schema: { tags, summary: 'Upload a CSV (text/csv body; name in ?name= or x-dataset-name); Idempotency-Key supported', querystring: DatasetUploadQuerySchema, response: { 201: DatasetDetailSchema, ...errors(400, 401, 403, 409, 413, 415, 422, 429) } },
  }, async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')) {
      throw httpError('BE_ERR_UNSUPPORTED_MEDIA_TYPE', 'Upload the dataset as a text/csv body');
    }
    const header = request.headers['x-dataset-name'];
    const name = (request.query.name ?? (typeof header === 'string' ? header : '')).trim();
    if (name === '' || name.length > 200) throw httpError('BE_ERR_DATASET_NAME_REQUIRED');
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
    const body = request.body as Readable;
    const { orgId, id: ownerId } = request.principal;

    const key = idempotencyKeyOf(request);
    const scope = key === null ? '' : scopeOf(request, ROUTE);
    if (key !== null) {
      const claim = await ctx.idempotency.claim(scope, key, null);
      if (claim.kind === 'in_flight') throw inFlightError();
      if (claim.kind === 'done') {
        const hash = uploadHash(name, await digestStream(body, maxBytes));
        if (hash !== claim.requestHash) throw reuseError();
        return sendStored(reply, claim.response, true);
      }
    }
    try {
      const dataset = await storeUpload(ctx, orgId, ownerId, name, body);
      await auditRequest(ctx.db, request, 'dataset.upload', { type: 'dataset', id: dataset.id }, { sha256: dataset.sha256, rows: dataset.rows, name });
      const response = { statusCode: 201, headers: { location: `/v1/datasets/${dataset.id}` }, body: Buffer.from(JSON.stringify(dataset)) };
      if (key !== null) await ctx.idempotency.complete(scope, key, uploadHash(name, dataset.sha256), response);
      return sendStored(reply, response, false);
    } catch (error) {
      if (key !== null) await ctx.idempotency.release(scope, key);
      throw error;
    }
  });

  fastify.get('/', {
    preHandler: fastify.requireRole('viewer'),
    schema: { tags, summary: 'Datasets of the organisation, newest first', querystring: CursorPageQuerySchema, response: { 200: DatasetListSchema, ...errors(400, 401, 403, 429) } },
  }, async (request) => {
    const after = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor);
    if (request.query.cursor !== undefined && after === null) throw httpError('BE_ERR_INVALID_CURSOR');
    return ctx.datasets.list(request.principal.orgId, request.query.limit, after);
  });

  fastify.get('/:id', {
    preHandler: fastify.requireRole('viewer'),
    schema: { tags, summary: 'Dataset metadata with the header and the first rows', params: IdParamsSchema, response: { 200: DatasetDetailSchema, ...errors(400, 401, 403, 404, 429) } },
  }, async (request) => {
    const dataset = await ctx.datasets.find(request.principal.orgId, request.params.id);
    if (!dataset) throw httpError('BE_ERR_DATASET_NOT_FOUND', `Dataset ${request.params.id} not found`);
    return dataset;
  });

  fastify.delete('/:id', {
    preHandler: fastify.requireRole('analyst'),
    schema: { tags, summary: 'Delete a dataset (its reports stay: they are immutable)', params: IdParamsSchema, response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) } },
  }, async (request, reply) => {
    const dataset = await ctx.datasets.find(request.principal.orgId, request.params.id);
    if (!dataset) throw httpError('BE_ERR_DATASET_NOT_FOUND', `Dataset ${request.params.id} not found`);
    await ctx.datasets.remove(dataset.id);
    await auditRequest(ctx.db, request, 'dataset.delete', { type: 'dataset', id: dataset.id }, { sha256: dataset.sha256 });
    return reply.code(204).send(null);
  });
};

export default datasetsRoutes;
