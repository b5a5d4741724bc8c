import { createHash } from 'node:crypto';
import { httpError, type BackendError } from '../errors.ts';
import type { IdempotencyRepository, StoredResponse } from './idempotency-repository.ts';

/**
 * `Idempotency-Key` semantics for one POST route: scoped to principal + route; the same key and
 * body replays the stored response (nothing runs twice), another body is 422, a duplicate while
 * the first is running is 409. Only successful responses are stored: a failed attempt created
 * nothing, so its key is released and a retry runs again.
 */
export interface IdempotencyKey {
  /** Principal and route: the same key used elsewhere is another key. */
  readonly scope: string;
  readonly key: string;
}

/** A response to send, and whether it is the stored answer to an earlier request. */
export interface Answer {
  readonly response: StoredResponse;
  readonly replayed: boolean;
}

export function sha256(...parts: (Buffer | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

export function reuseError(): BackendError {
  return httpError(
    'BE_ERR_IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request body',
  );
}

/** `retryAfterMs`: until the holder's lease lapses, so a retry after a crashed holder is not refused again. */
export function inFlightError(retryAfterMs: number): BackendError {
  return httpError(
    'BE_ERR_IDEMPOTENCY_IN_FLIGHT',
    'A request with this Idempotency-Key is still being processed; retry later',
    { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } },
  );
}

/**
 * Runs `produce` at most once per (scope, key, request hash) and answers with its response or the
 * stored one. `hashRequest` runs only when there is a key (hashing a large body is not free).
 */
export async function answerOnce(
  repo: IdempotencyRepository,
  idempotency: IdempotencyKey | null,
  hashRequest: () => string,
  produce: () => Promise<StoredResponse>,
): Promise<Answer> {
  if (idempotency === null) return { response: await produce(), replayed: false };
  const { scope, key } = idempotency;
  const requestHash = hashRequest();
  const claim = await repo.claim(scope, key, requestHash);
  if (claim.kind === 'in_flight') throw inFlightError(claim.retryAfterMs);
  if (claim.kind === 'done') {
    if (claim.requestHash !== requestHash) throw reuseError();
    return { response: claim.response, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await produce();
  } catch (error) {
    await repo.release(claim.claim);
    throw error;
  }
  await repo.complete(claim.claim, requestHash, response);
  return { response, replayed: false };
}
