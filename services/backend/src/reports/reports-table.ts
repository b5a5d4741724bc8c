import type { ReportVerdict, RiskLevel } from '@ethixai/contracts';

/** Row shape of `reports` (migration 0002): summary columns for listing and filtering, plus the
 * AuditResult exactly as ai-core returned it. Rows are never updated. */
export interface ReportsTable {
  id: string;
  org_id: string;
  created_by: string;
  dataset_id: string | null;
  verdict: ReportVerdict;
  risk_level: RiskLevel;
  row_count: number;
  engine_version: string;
  input_digest: string;
  result: Buffer;
  created_at: number;
}

export interface ReportTables {
  reports: ReportsTable;
}
