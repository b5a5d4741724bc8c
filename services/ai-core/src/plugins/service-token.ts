/**
 * Bearer service-token guard. Only the backend (and operators) hold the token; ai-core has no
 * users. Registered as an onRequest hook so an unauthenticated body is never read or parsed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { aiCoreError } from '../errors.ts';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Comparing fixed-length digests keeps the check constant-time in the token's content and
 * independent of the presented token's length.
 */
export function createTokenCheck(expected: string): (authorization: string | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (authorization) => {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    if (match === null) return false;
    return timingSafeEqual(digest(match[1]), expectedDigest);
  };
}

/** Adds the guard to every route of the calling (encapsulated) scope. */
export function requireServiceToken(scope: FastifyInstance, token: string): void {
  const check = createTokenCheck(token);
  scope.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (check(header)) return;
    reply.header('www-authenticate', 'Bearer');
    throw aiCoreError('AIC_ERR_UNAUTHORIZED', header === undefined
      ? 'Authorization: Bearer <service token> is required'
      : 'The service token is not valid');
  });
}
