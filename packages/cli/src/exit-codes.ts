/**
 * Exit codes are the CLI's contract with CI pipelines (a fairness gate is `ethixai audit ...
 * --fail-on-violation`), so they are few and stable.
 */
export const EXIT_OK = 0;
/** `--fail-on-violation` and a verdict is `fail` (with `--strict`: also `warn`). */
export const EXIT_VIOLATION = 1;
/** Bad usage or bad input: unknown flag, missing column, unreadable file, malformed CSV. */
export const EXIT_BAD_INPUT = 2;
/** A bug in ethixai itself; the message says so. */
export const EXIT_INTERNAL = 3;
/** The database an audit counts in failed: unreachable, refused the connection, or the query failed. */
export const EXIT_SOURCE = 4;

/** A mistake in how the CLI was called; the message says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
