import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import { httpError, type BackendError } from '../errors.ts';

/**
 * How a call to ai-core can fail, and what the backend answers for each. A 4xx from ai-core is the
 * client's mistake and is passed on with ai-core's own status and body (its code included); every
 * other failure is ours to name, and none is ever turned into an invented result.
 */
export class AiCoreClientError extends Error {
  readonly statusCode: number;
  readonly body: Buffer;

  constructor(statusCode: number, body: Buffer) {
    super(`ai-core answered ${statusCode}`);
    this.statusCode = statusCode;
    this.body = body;
    this.name = 'AiCoreClientError';
  }

  /** ai-core's error code, when its body is the standard error body. */
  get code(): string | null {
    try {
      const parsed = JSON.parse(this.body.toString('utf8')) as { code?: unknown };
      return typeof parsed.code === 'string' ? parsed.code : null;
    } catch {
      return null;
    }
  }
}

/** ai-core answered 5xx: its own failure, counted against the circuit breaker. */
export class AiCoreServerError extends Error {
  readonly statusCode: number;
  readonly upstreamCode: string | null;

  constructor(statusCode: number, upstreamCode: string | null) {
    super(`ai-core answered ${statusCode}${upstreamCode ? ` (${upstreamCode})` : ''}`);
    this.statusCode = statusCode;
    this.upstreamCode = upstreamCode;
    this.name = 'AiCoreServerError';
  }
}

/** ai-core cannot be reached at all: nothing was sent. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/**
 * The connection broke while the request or its answer travelled. ai-core does that when it
 * refuses a request before reading all of it (a 413 mid-upload, a 431), so a broken connection
 * says nothing certain about ai-core's health: it is answered as unavailable but never counted.
 * An ai-core that died is seen by the next attempt, whose connection is refused.
 */
const BROKEN_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);
const CONNECT_CODES = new Set([...UNREACHABLE_CODES, ...BROKEN_CODES]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/** Refused before anything was sent: safe to retry with a replayable body. */
export function isConnectRefused(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNREFUSED' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/**
 * ai-core's own failures, the only ones the shared circuit breaker counts: unreachable, too slow,
 * or a 5xx. Never a 4xx (the request was wrong, and only its sender should hear about it) and
 * never a broken connection (see BROKEN_CODES): one organisation's bad input must not open the
 * circuit for every organisation.
 */
export function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return (
    error instanceof AiCoreServerError ||
    (code !== undefined && (UNREACHABLE_CODES.has(code) || TIMEOUT_CODES.has(code)))
  );
}

/** Maps a transport failure, an open circuit or an ai-core 5xx to the backend's coded error. */
export function toBackendError(error: unknown, retryAfterSeconds: number): BackendError | null {
  const retryAfter = { 'retry-after': String(retryAfterSeconds) };
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return httpError('BE_ERR_AI_CORE_UNAVAILABLE', 'the analysis service is failing; its circuit is open', {
      headers: retryAfter,
      cause: error,
    });
  }
  if (error instanceof AiCoreServerError) {
    return httpError('BE_ERR_AI_CORE_FAILED', error.message, { cause: error });
  }
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.has(code)) {
    return httpError('BE_ERR_AI_CORE_TIMEOUT', 'the analysis service did not answer in time', {
      headers: retryAfter,
      cause: error,
    });
  }
  if (code && CONNECT_CODES.has(code)) {
    return httpError('BE_ERR_AI_CORE_UNAVAILABLE', `the analysis service is unreachable (${code})`, {
      headers: retryAfter,
      cause: error,
    });
  }
  return null;
}
