import type { DatasetTables } from '../datasets/datasets-table.ts';
import type { IdempotencyTables } from '../idempotency/idempotency-table.ts';
import type { JobTables } from '../jobs/jobs-table.ts';
import type { ReportTables } from '../reports/reports-table.ts';

/** Every table of migration 0002, for db/schema.ts's Database to extend. */
export interface AnalysesTables extends DatasetTables, ReportTables, JobTables, IdempotencyTables {}
