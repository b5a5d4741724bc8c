import type { Kysely } from 'kysely';
import type { ReportExportQuery, ReportList, ReportListQuery, ReportSummary } from '@ethixai/contracts';
import type { AuditResult } from '@ethixai/fairness';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import type { AnalysesSettings } from '../analyses/analyses-settings.ts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { reportToCsv } from './export-csv.ts';
import { reportToHtml } from './export-html.ts';
import { decodeCursor } from './page-cursor.ts';
import { reportBody } from './report-body.ts';
import { ReportCache, type CachedReport, type ReportCoding } from './report-cache.ts';
import { createReportsRepository } from './reports-repository.ts';
import type { ReportTables } from './reports-table.ts';

/** A rendered export: the bytes and how to label them. */
export interface ReportExport {
  readonly contentType: string;
  readonly body: Buffer | string;
  /** Set for downloads (json, csv): the attachment's file name. */
  readonly filename?: string;
}

/**
 * Reports are read-only: list, fetch (the stored bytes behind a fixed envelope, from an in-memory
 * cache: reports never change) and export. An export lets data leave, so it is audited.
 */
export function createReportsService(db: Kysely<Database>, settings: AnalysesSettings) {
  const reports = createReportsRepository(db as unknown as Kysely<ReportTables>);
  const cache = new ReportCache(settings.reportCacheBytes, settings.reportCacheTtlMs);

  async function load(orgId: string, id: string): Promise<{ summary: ReportSummary; result: Buffer }> {
    const report = await reports.find(orgId, id);
    if (!report) throw httpError('BE_ERR_REPORT_NOT_FOUND', `Report ${id} not found`);
    return report;
  }

  return {
    async list(orgId: string, query: ReportListQuery): Promise<ReportList> {
      const { limit, cursor, datasetId, verdict, from, to } = query;
      const after = cursor === undefined ? null : decodeCursor(cursor);
      if (cursor !== undefined && after === null) throw httpError('BE_ERR_INVALID_CURSOR');
      const filter = {
        datasetId,
        verdict,
        from: from === undefined ? undefined : Date.parse(from),
        to: to === undefined ? undefined : Date.parse(to),
      };
      return reports.list(orgId, filter, limit, after);
    },

    /** The report resource as bytes (summary, provenance and the stored engine result), cached. */
    async body(orgId: string, id: string): Promise<CachedReport> {
      const cached = cache.get(id);
      if (cached?.orgId === orgId) return cached;
      const report = await load(orgId, id);
      const fresh = { orgId, body: reportBody(report.summary, report.result) };
      cache.set(id, fresh);
      return fresh;
    },

    /** A body `body()` returned, in `coding`: compressed once per cached report, not per response. */
    encoded(id: string, report: CachedReport, coding: ReportCoding): Promise<Buffer> {
      return cache.encoded(id, report, coding);
    },

    async export(id: string, format: ReportExportQuery['format'], by: Initiator): Promise<ReportExport> {
      const { summary, result } = await load(by.orgId, id);
      await auditChange(db, by, 'report.export', { type: 'report', id: summary.id }, { format });
      const name = `report-${summary.id}`;
      if (format === 'json')
        return { contentType: 'application/json; charset=utf-8', body: result, filename: `${name}.json` };
      const parsed = JSON.parse(result.toString('utf8')) as AuditResult;
      if (format === 'csv')
        return { contentType: 'text/csv; charset=utf-8', body: reportToCsv(parsed), filename: `${name}.csv` };
      return { contentType: 'text/html; charset=utf-8', body: reportToHtml(summary, parsed) };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
