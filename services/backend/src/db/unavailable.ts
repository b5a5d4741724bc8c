// Connection-level failures mean "the database is unavailable", not "the server is broken":
// answered 503 with Retry-After so clients and load balancers back off instead of failing hard.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);
// PostgreSQL SQLSTATE class 08 (connection exception), 57P0x (server shutting down / cannot
// connect now) and 57014 (query cancelled: statement_timeout, the database is too slow to answer).
const PG_CODES = /^(08\d{3}|57P0[123]|57014)$/;
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || PG_CODES.test(code) || SQLITE_CODES.has(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    message === 'The database connection is not open' ||
    message === 'driver has already been destroyed' ||
    message.includes('Connection terminated') ||
    // node-postgres: query_timeout (no answer in time) and connectionTimeoutMillis (no free connection).
    message === 'Query read timeout' ||
    message === 'timeout exceeded when trying to connect' ||
    message === 'Cannot use a pool after calling end on the pool'
  );
}

/** The database refused a write for lack of space (SQLite SQLITE_FULL: disk or max_page_count;
 *  PostgreSQL 53100 disk_full). The transaction rolled back; reads keep working. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}
