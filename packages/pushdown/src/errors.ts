/**
 * The pushdown error catalogue. Each code carries the HTTP status a service answers with, so the
 * API and the CLI tell the same story. Engine errors about the data (an unknown column, a label that
 * is not binary, no rows) keep the engine's FAIR_ERR_* codes; these are about the source, the query
 * and the counts document.
 *
 * Append new codes below (one line each); never reuse or rename a code.
 */
export const PUSHDOWN_ERRORS = {
  PUSH_ERR_UNSUPPORTED_DIALECT: {
    status: 400,
    title: 'The SQL dialect is not one ethixai generates, or it is printed only and cannot run here',
  },
  PUSH_ERR_INVALID_REQUEST: {
    status: 400,
    title: 'A pushdown option (source, filter, score bins, identifier) is invalid',
  },
  PUSH_ERR_WRONG_TYPE: { status: 400, title: 'A column has a type the audit cannot use in that role' },
  PUSH_ERR_SOURCE_NOT_FOUND: { status: 400, title: 'The table or file to audit does not exist' },
  PUSH_ERR_SOURCE_UNREACHABLE: { status: 502, title: 'The database cannot be reached or refused the connection' },
  PUSH_ERR_QUERY_FAILED: { status: 502, title: 'The database failed while running the counting query' },
  PUSH_ERR_INVALID_COUNTS: {
    status: 400,
    title: 'The counts document does not match its schema or the audit configuration',
  },
  PUSH_ERR_TOO_MANY_GROUPS: { status: 413, title: 'The counting query returned more groups than the limit' },
  PUSH_ERR_DRIVER_MISSING: { status: 503, title: 'The database driver an audit needs (DuckDB, pg) is not installed' },
} as const satisfies Record<string, { status: number; title: string }>;

export type PushdownErrorCode = keyof typeof PUSHDOWN_ERRORS;

export class PushdownError extends Error {
  readonly code: PushdownErrorCode;
  readonly statusCode: number;
  /** Machine-readable pointers: the field, the column, the dialect. Never a password. */
  readonly details: Readonly<Record<string, string | number>>;

  constructor(
    code: PushdownErrorCode,
    message: string,
    details: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PushdownError';
    this.code = code;
    this.statusCode = PUSHDOWN_ERRORS[code].status;
    this.details = details;
  }
}

/** Loads a database driver on first use; its absence (an optional dependency not installed) is a coded error. */
export async function loadDriver<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new PushdownError(
        'PUSH_ERR_DRIVER_MISSING',
        `${name} is not installed; install it next to ethixai (npm install ${name}), or count with another engine`,
        { driver: name },
        { cause: error },
      );
    }
    throw error;
  }
}

export function pushdownError(
  code: PushdownErrorCode,
  message: string,
  details: Record<string, string | number> = {},
  options?: { cause?: unknown },
): PushdownError {
  return new PushdownError(code, message, details, options);
}
