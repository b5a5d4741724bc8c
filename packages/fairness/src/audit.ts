import type { Table } from './table.ts';
import type { AuditConfig } from './config-types.ts';
import type { AuditResult } from './result-types.ts';

/** Full audit of a columnar table (implementation lands in the next commits). */
export function audit(table: Table, config: AuditConfig): AuditResult {
  void table; void config;
  throw new Error('audit: implementation in progress');
}
