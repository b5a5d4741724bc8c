/**
 * Row shapes of the audit chain (migrations 0003-monitoring, 0004-audit-checkpoints): one row per
 * entry, one head per organisation, and the lease of the replica that signs checkpoints.
 */
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
  /** The HMAC key that sealed the entry; null for an unkeyed entry written before keys existed. */
  key_id: string | null;
}

/** The last link of each organisation's chain; locked by every append, so appends serialise. */
export interface AuditChainHeadsTable {
  org_id: string;
  seq: number;
  hash: string;
  /** Entries up to this seq predate keyed entries (set once by migration 0004). */
  legacy_seq: number;
}

export interface AuditCheckpointLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface AuditLogTables {
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_checkpoint_lease: AuditCheckpointLeaseTable;
}
