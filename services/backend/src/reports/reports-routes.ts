import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiate } from '@fastify/accept-negotiator';
import { Type } from '@sinclair/typebox';
import {
  IdParamsSchema,
  ReportExportQuerySchema,
  ReportListQuerySchema,
  ReportListSchema,
  ReportSchema,
} from '@ethixai/contracts';
import { initiatorOf } from '../audit-log/initiator.ts';
import { errors } from '../http/error-responses.ts';
import { REPORT_CODINGS, type ReportCoding } from './report-cache.ts';

const CODINGS = [...REPORT_CODINGS, 'identity'];
const NotModified = Type.Null({ description: 'Not modified: the If-None-Match tag is current (reports never change)' });
const ExportSchema = {
  description:
    'json: the stored engine result (attachment); csv: the per-group table (attachment); html: a printable report',
  content: {
    'application/json': {
      schema: Type.Object({}, { additionalProperties: true, description: 'AuditResult of @ethixai/fairness' }),
    },
    'text/csv': {
      schema: Type.String({ description: 'RFC 4180: one row per (attribute, group) and the overall row' }),
    },
    'text/html': { schema: Type.String({ description: 'Self-contained HTML: no scripts, no external resources' }) },
  },
};

/**
 * Reports are read-only: list, fetch (stored bytes, no re-serialisation) and export. Conditional
 * GET is @fastify/etag's (registered around these routes by reports-plugin.ts): a route's own
 * ETag is kept, and a matching If-None-Match is answered 304.
 */
const reportsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['reports'];
  const reports = fastify.reportsService;
  fastify.addHook('preHandler', fastify.requireRole('viewer'));

  fastify.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Reports of the organisation, newest first (filters: datasetId, verdict, from, to)',
        querystring: ReportListQuerySchema,
        response: { 200: ReportListSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => reports.list(request.principal.orgId, request.query),
  );

  fastify.get(
    '/:id',
    {
      // Compressed once per cached report (report-cache.ts), never per response.
      compress: false,
      schema: {
        tags,
        summary:
          'One report: summary, provenance and the engine result (br or gzip when accepted; ETag, If-None-Match → 304)',
        params: IdParamsSchema,
        response: { 200: ReportSchema, 304: NotModified, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const cached = await reports.body(request.principal.orgId, id);
      const coding = negotiate(request.headers['accept-encoding'] ?? 'identity', CODINGS) as
        ReportCoding | 'identity' | null;
      // Reports are immutable: the id is a strong validator, one per coding. Access was checked
      // above, so a 304 never tells another organisation anything.
      reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('vary', 'accept-encoding')
        .header('cache-control', 'private, no-cache');
      if (coding === null || coding === 'identity') return reply.header('etag', `"${id}"`).send(cached.body as never);
      const body = await reports.encoded(id, cached, coding);
      return reply
        .header('etag', `"${id}-${coding}"`)
        .header('content-encoding', coding)
        .send(body as never);
    },
  );

  fastify.get(
    '/:id/export',
    {
      schema: {
        tags,
        summary: 'Export: json (the stored engine result), csv (per-group table) or html (printable report)',
        params: IdParamsSchema,
        querystring: ReportExportQuerySchema,
        response: { 200: ExportSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const rendered = await reports.export(
        request.params.id,
        request.query.format,
        initiatorOf(request.principal, request.id),
      );
      reply.header('content-type', rendered.contentType);
      if (rendered.filename !== undefined)
        reply.header('content-disposition', `attachment; filename="${rendered.filename}"`);
      else reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return reply.send(rendered.body as never);
    },
  );
};

export default reportsRoutes;
