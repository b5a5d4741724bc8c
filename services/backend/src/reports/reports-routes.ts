import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiate } from '@fastify/accept-negotiator';
import etag from '@fastify/etag';
import { Type } from '@sinclair/typebox';
import { IdParamsSchema, ReportExportQuerySchema, ReportListQuerySchema, ReportListSchema, ReportSchema } from '@ethixai/contracts';
import type { AuditResult } from '@ethixai/fairness';
import type { AnalysesContext } from '../analyses/analyses-context.ts';
import { httpError } from '../errors.ts';
import { auditRequest } from '../audit-log/request-audit.ts';
import { decodeCursor } from './page-cursor.ts';
import { reportBody } from './report-body.ts';
import { REPORT_CODINGS, type ReportCoding } from './report-cache.ts';
import { reportToCsv } from './export-csv.ts';
import { reportToHtml } from './export-html.ts';

const CODINGS = [...REPORT_CODINGS, 'identity'];
const NotModified = Type.Null({ description: 'Not modified: the If-None-Match tag is current (reports never change)' });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));

/**
 * Reports are read-only: list, fetch (stored bytes, no re-serialisation) and export. Conditional
 * GET is @fastify/etag's: a route's own ETag is kept, other responses get a weak hash (weak,
 * because @fastify/compress may send them in another coding afterwards), and a matching
 * If-None-Match is answered 304.
 */
const reportsRoutes: FastifyPluginAsyncTypebox<{ ctx: AnalysesContext }> = async (fastify, { ctx }) => {
  const tags = ['reports'];
  await fastify.register(etag, { weak: true });
  fastify.addHook('preHandler', fastify.requireRole('viewer'));

  async function load(orgId: string, id: string) {
    const report = await ctx.reports.find(orgId, id);
    if (!report) throw httpError('BE_ERR_REPORT_NOT_FOUND', `Report ${id} not found`);
    return report;
  }

  fastify.get('/', {
    schema: { tags, summary: 'Reports of the organisation, newest first (filters: datasetId, verdict, from, to)', querystring: ReportListQuerySchema, response: { 200: ReportListSchema, ...errors(400, 401, 403, 429) } },
  }, async (request) => {
    const { limit, cursor, datasetId, verdict, from, to } = request.query;
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw httpError('BE_ERR_INVALID_CURSOR');
    const filter = { datasetId, verdict, from: from === undefined ? undefined : Date.parse(from), to: to === undefined ? undefined : Date.parse(to) };
    return ctx.reports.list(request.principal.orgId, filter, limit, after);
  });

  fastify.get('/:id', {
    // Compressed once per cached report (report-cache.ts), never per response.
    compress: false,
    schema: { tags, summary: 'One report: summary, provenance and the engine result (br or gzip when accepted; ETag, If-None-Match → 304)', params: IdParamsSchema, response: { 200: ReportSchema, 304: NotModified, ...errors(400, 401, 403, 404, 429) } },
  }, async (request, reply) => {
    const { orgId } = request.principal;
    const { id } = request.params;
    let cached = ctx.reportCache.get(id);
    if (cached?.orgId !== orgId) {
      const report = await load(orgId, id);
      cached = { orgId, body: reportBody(report.summary, report.result) };
      ctx.reportCache.set(id, cached);
    }
    const coding = negotiate(request.headers['accept-encoding'] ?? 'identity', CODINGS) as ReportCoding | 'identity' | null;
    // Reports are immutable: the id is a strong validator, one per coding. Access was checked
    // above, so a 304 never tells another organisation anything.
    reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding').header('cache-control', 'private, no-cache');
    if (coding === null || coding === 'identity') return reply.header('etag', `"${id}"`).send(cached.body as never);
    const body = await ctx.reportCache.encoded(id, cached, coding);
    return reply.header('etag', `"${id}-${coding}"`).header('content-encoding', coding).send(body as never);
  });

  fastify.get('/:id/export', {
    schema: { tags, summary: 'Export: json (the stored engine result), csv (per-group table) or html (printable report)', params: IdParamsSchema, querystring: ReportExportQuerySchema, response: { ...errors(400, 401, 403, 404, 429) } },
  }, async (request, reply) => {
    const { summary, result } = await load(request.principal.orgId, request.params.id);
    await auditRequest(ctx.db, request, 'report.export', { type: 'report', id: summary.id }, { format: request.query.format });
    const name = `report-${summary.id}`;
    if (request.query.format === 'json') {
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="${name}.json"`).send(result);
    }
    const parsed = JSON.parse(result.toString('utf8')) as AuditResult;
    if (request.query.format === 'csv') {
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(reportToCsv(parsed));
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(reportToHtml(summary, parsed));
  });
};

export default reportsRoutes;
