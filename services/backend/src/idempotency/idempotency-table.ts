/** Row shape of `idempotency_keys` (migration 0002). `scope` is principal + route. */
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
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
