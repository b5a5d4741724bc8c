import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpError, type BackendError } from '../errors.ts';
import type { IdempotencyRepository, StoredResponse } from './idempotency-repository.ts';

/**
 * `Idempotency-Key` handling for one POST route: scoped to principal + route; the same key and
 * body replays the stored response (nothing runs twice), another body is 422, a duplicate while
 * the first is running is 409. Only successful responses are stored: a failed attempt created
 * nothing, so its key is released and a retry runs again.
 */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !KEY.test(key)) throw httpError('BE_ERR_IDEMPOTENCY_KEY_INVALID');
  return key;
}

export function scopeOf(request: FastifyRequest, route: string): string {
  return `${request.principal.kind}:${request.principal.id}:${route}`;
}

export function sha256(...parts: (Buffer | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

export function sendStored(reply: FastifyReply, response: StoredResponse, replayed: boolean): FastifyReply {
  reply.code(response.statusCode).headers(response.headers).header('content-type', 'application/json; charset=utf-8');
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.send(response.body);
}

export function reuseError(): BackendError {
  return httpError('BE_ERR_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body');
}

export function inFlightError(): BackendError {
  return httpError('BE_ERR_IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is still being processed; retry later', { headers: { 'retry-after': '1' } });
}

/**
 * Runs `produce` at most once per (scope, key, body hash) and sends its response or the stored one.
 * `hashRequest` runs only when the request carries a key (hashing a large body is not free).
 */
export async function respondIdempotently(
  repo: IdempotencyRepository, request: FastifyRequest, reply: FastifyReply, route: string, hashRequest: () => string,
  produce: () => Promise<StoredResponse>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(request);
  if (key === null) return sendStored(reply, await produce(), false);
  const requestHash = hashRequest();
  const scope = scopeOf(request, route);
  const claim = await repo.claim(scope, key, requestHash);
  if (claim.kind === 'in_flight') throw inFlightError();
  if (claim.kind === 'done') {
    if (claim.requestHash !== requestHash) throw reuseError();
    return sendStored(reply, claim.response, true);
  }
  let response: StoredResponse;
  try {
    response = await produce();
  } catch (error) {
    await repo.release(scope, key);
    throw error;
  }
  await repo.complete(scope, key, requestHash, response);
  return sendStored(reply, response, false);
}
