/** @ethixai/pushdown/postgres: audits of PostgreSQL tables by pushdown. */
export { openPostgres, postgresKind, serverOf, type PostgresOptions } from './postgres-engine.ts';
export { countSource, auditSource, DEFAULT_SAMPLE_ROWS, DEFAULT_MAX_GROUPS, type RunOptions } from '../run-counts.ts';
export type { Engine } from '../engine.ts';
