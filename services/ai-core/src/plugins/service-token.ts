/**
 * Bearer guards. The service token: only the backend (and operators) hold it; ai-core has no
 * users. Registered as an onRequest hook so an unauthenticated body is never read or parsed. The
 * scrape token: GET /metrics answers only Prometheus (METRICS_TOKEN_FILE).
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { createBearerCheck } from '@ethixai/service-kit';
import { aiCoreError } from '../errors.ts';

/** Constant-time in the token's content and independent of the presented token's length. */
export function createTokenCheck(expected: string): (authorization: string | undefined) => boolean {
  return createBearerCheck([expected]);
}

export function metricsGuard(tokens: readonly string[]): onRequestAsyncHookHandler {
  if (tokens.length === 0) throw new Error('metrics are on but no scrape token is configured (METRICS_TOKEN_FILE)');
  const check = createBearerCheck(tokens);
  return async (request, reply) => {
    if (check(request.headers.authorization)) return;
    reply.header('www-authenticate', 'Bearer realm="metrics"');
    throw aiCoreError(
      'AIC_ERR_METRICS_UNAUTHORIZED',
      'Send "Authorization: Bearer <scrape token>" (the token in METRICS_TOKEN_FILE)',
    );
  };
}

/** Adds the guard to every route of the calling (encapsulated) scope. */
export function requireServiceToken(scope: FastifyInstance, token: string): void {
  const check = createTokenCheck(token);
  scope.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (check(header)) return;
    reply.header('www-authenticate', 'Bearer');
    throw aiCoreError(
      'AIC_ERR_UNAUTHORIZED',
      header === undefined ? 'Authorization: Bearer <service token> is required' : 'The service token is not valid',
    );
  });
}
