/** Row shapes of the audit chain (migration 0003-monitoring): one row per entry, one head per organisation. */
export interface AuditLogTable {
  org_id: string;
  seq: number;
  at: number;
  actor_kind: 'user' | 'api_key' | 'system';
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
}

/** The last link of each organisation's chain; locked by every append, so appends serialise. */
export interface AuditChainHeadsTable {
  org_id: string;
  seq: number;
  hash: string;
}

export interface AuditLogTables {
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
}
