/** Row shape of `idempotency_keys` (migrations 0002 and 0007). `scope` is principal + route. */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  /** sha256 of the request; null while an upload's body is still being read. */
  request_hash: string | null;
  state: 'in_flight' | 'done';
  status_code: number | null;
  headers_json: string | null;
  body: Buffer | null;
  created_at: number;
  expires_at: number;
  /** The process holding an in-flight key; null once done, and on rows from before migration 0007. */
  lease_owner: string | null;
  /** When an in-flight claim lapses unless its owner renews it. */
  lease_until: number | null;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
