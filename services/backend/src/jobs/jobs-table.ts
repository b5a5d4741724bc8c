import type { JobStatus } from '@ethixai/contracts';

/** Row shape of `jobs` (migration 0002). For a queued job `lease_until` is "not before" (retry
 * back-off); for a running one it is the lease deadline after which another worker may take it. */
export interface JobsTable {
  id: string;
  org_id: string;
  created_by: string;
  status: JobStatus;
  progress: number;
  /** dataset jobs: the config JSON; inline jobs: the gzip of the client's {config, data} body. */
  payload: Buffer;
  dataset_id: string | null;
  report_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface JobTables {
  jobs: JobsTable;
}
