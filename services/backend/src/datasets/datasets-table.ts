/** Row shapes of the tables created by migration 0002 for datasets (see db/migrations/0002-analyses.ts). */
export interface DatasetsTable {
  id: string;
  org_id: string;
  owner_id: string;
  name: string;
  status: 'uploading' | 'ready';
  bytes: number;
  stored_bytes: number;
  row_count: number;
  columns_json: string;
  preview_json: string;
  /** JSON ColumnProfile[] (migration 0005); null for datasets uploaded before it. */
  profile_json: string | null;
  sha256: string;
  created_at: number;
}

export interface DatasetChunksTable {
  dataset_id: string;
  seq: number;
  data: Buffer;
}

export interface DatasetTables {
  datasets: DatasetsTable;
  dataset_chunks: DatasetChunksTable;
}
