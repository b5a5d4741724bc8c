/** @ethixai/pushdown/duckdb: audits of Parquet and CSV files through embedded DuckDB. */
export { openDuckDB, duckdbKind, type DuckDBOptions } from './duckdb-engine.ts';
export { countSource, auditSource, DEFAULT_SAMPLE_ROWS, DEFAULT_MAX_GROUPS, type RunOptions } from '../run-counts.ts';
export type { Engine } from '../engine.ts';
