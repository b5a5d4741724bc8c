import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { httpError } from '../errors.ts';
import type { Answer, IdempotencyKey } from './idempotent-call.ts';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The header as route schemas document it; checked by `idempotencyOf`, which names the problem. */
export const IdempotencyKeyHeader = Type.Optional(
  Type.String({
    // The schema bounds the size; the key's own rule (length and characters) answers with its own code.
    maxLength: 1024,
    description:
      'Retry safely: the same key and body replay the first answer (1-255 visible ASCII characters; 400 BE_ERR_IDEMPOTENCY_KEY_INVALID otherwise)',
  }),
);

/** The request's `Idempotency-Key`, scoped to its principal and `route`; null without the header. */
export function idempotencyOf(request: FastifyRequest, route: string): IdempotencyKey | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !KEY.test(key)) throw httpError('BE_ERR_IDEMPOTENCY_KEY_INVALID');
  return { scope: `${request.principal.kind}:${request.principal.id}:${route}`, key };
}

/** Sends an answer as stored (the bytes, status and headers), marked when it is a replay. */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  const { response, replayed } = answer;
  reply.code(response.statusCode).headers(response.headers).header('content-type', 'application/json; charset=utf-8');
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.send(response.body);
}
