import type { CountsAuditConfig, CountsAuditInput } from './counts-types.ts';
import type { AuditResult } from './result-types.ts';

/** Audit from per-group confusion counts alone (implementation lands in the next commits). */
export function auditFromCounts(input: CountsAuditInput, config: CountsAuditConfig = {}): AuditResult {
  void input; void config;
  throw new Error('auditFromCounts: implementation in progress');
}
