import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReportSummary, ReportVerdict } from '@ethixai/contracts';
import type { ReportTables, ReportsTable } from './reports-table.ts';
import type { ResultSummary } from './report-summary.ts';
import { afterKey, pageOf, type PageKey } from './page-cursor.ts';

export interface NewReport extends ResultSummary {
  readonly orgId: string;
  readonly createdBy: string;
  readonly datasetId: string | null;
  readonly result: Buffer;
}

export interface ReportFilter {
  readonly datasetId?: string;
  readonly verdict?: ReportVerdict;
  readonly from?: number;
  readonly to?: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'dataset_id',
  'created_by',
  'created_at',
  'verdict',
  'risk_level',
  'row_count',
  'engine_version',
  'input_digest',
] as const;
type SummaryRow = Pick<ReportsTable, (typeof SUMMARY_COLUMNS)[number]>;

export function toSummary(row: SummaryRow): ReportSummary {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    verdict: row.verdict,
    riskLevel: row.risk_level,
    rows: row.row_count,
    engineVersion: row.engine_version,
    inputDigest: row.input_digest,
  };
}

/** Reports are insert-only: there is deliberately no update. */
export function createReportsRepository(db: Kysely<ReportTables>) {
  return {
    async insert(report: NewReport, trx: Kysely<ReportTables> = db): Promise<ReportSummary> {
      const row: ReportsTable = {
        id: randomUUID(),
        org_id: report.orgId,
        created_by: report.createdBy,
        dataset_id: report.datasetId,
        verdict: report.verdict,
        risk_level: report.riskLevel,
        row_count: report.rows,
        engine_version: report.engineVersion,
        input_digest: report.inputDigest,
        result: report.result,
        created_at: Date.now(),
      };
      await trx.insertInto('reports').values(row).execute();
      return toSummary(row);
    },

    async find(orgId: string, id: string): Promise<{ summary: ReportSummary; result: Buffer } | null> {
      const row = await db
        .selectFrom('reports')
        .select([...SUMMARY_COLUMNS, 'result'])
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      return row ? { summary: toSummary(row), result: Buffer.from(row.result) } : null;
    },

    async list(orgId: string, filter: ReportFilter, limit: number, after: PageKey | null) {
      let query = db.selectFrom('reports').select(SUMMARY_COLUMNS).where('org_id', '=', orgId);
      if (filter.datasetId) query = query.where('dataset_id', '=', filter.datasetId);
      if (filter.verdict) query = query.where('verdict', '=', filter.verdict);
      if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
      if (after) query = query.where(afterKey(after));
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit);
      return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
