/** Row shape of `rate_limit_windows` (migration 0006): one running window per limited key. */
export interface RateLimitWindowsTable {
  key: string;
  hits: number;
  /** Epoch ms (PostgreSQL's clock) at which the window ends. */
  reset_at: number;
}

export interface RateLimitTables {
  rate_limit_windows: RateLimitWindowsTable;
}
