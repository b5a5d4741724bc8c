import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParamsSchema, ReportExportQuerySchema, ReportListQuerySchema, ReportListSchema, ReportSchema } from '@ethixai/contracts';
import type { AuditResult } from '@ethixai/fairness';
import type { AnalysesContext } from '../analyses/analyses-context.ts';
import { BackendError } from '../errors.ts';
import { auditRequest } from '../monitoring/audit-log/request-audit.ts';
import { decodeCursor } from './page-cursor.ts';
import { reportBody } from './report-body.ts';
import { reportToCsv } from './export-csv.ts';
import { reportToHtml } from './export-html.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));

/** Reports are read-only: list, fetch (stored bytes, no re-serialisation) and export. */
const reportsRoutes: FastifyPluginAsyncTypebox<{ ctx: AnalysesContext }> = async (fastify, { ctx }) => {
  const tags = ['reports'];
  fastify.addHook('preHandler', fastify.requireRole('viewer'));

  async function load(orgId: string, id: string) {
    const report = await ctx.reports.find(orgId, id);
    if (!report) throw new BackendError('BE_ERR_REPORT_NOT_FOUND', `Report ${id} not found`);
    return report;
  }

  fastify.get('/', {
    schema: { tags, summary: 'Reports of the organisation, newest first (filters: datasetId, verdict, from, to)', querystring: ReportListQuerySchema, response: { 200: ReportListSchema, ...errors(400, 401, 403, 429) } },
  }, async (request) => {
    const { limit, cursor, datasetId, verdict, from, to } = request.query;
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw new BackendError('BE_ERR_INVALID_CURSOR');
    const filter = { datasetId, verdict, from: from === undefined ? undefined : Date.parse(from), to: to === undefined ? undefined : Date.parse(to) };
    return ctx.reports.list(request.principal.orgId, filter, limit, after);
  });

  fastify.get('/:id', {
    schema: { tags, summary: 'One report: summary, provenance and the engine result', params: IdParamsSchema, response: { 200: ReportSchema, ...errors(400, 401, 403, 404, 429) } },
  }, async (request, reply) => {
    const { orgId } = request.principal;
    let cached = ctx.reportCache.get(request.params.id);
    if (cached?.orgId !== orgId) {
      const report = await load(orgId, request.params.id);
      cached = { orgId, body: reportBody(report.summary, report.result) };
      ctx.reportCache.set(request.params.id, cached);
    }
    // The stored bytes behind a fixed envelope: nothing is parsed or serialised here.
    return reply.header('content-type', 'application/json; charset=utf-8').send(cached.body as never);
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
