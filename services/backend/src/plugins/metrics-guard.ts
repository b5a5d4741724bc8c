import type { onRequestAsyncHookHandler } from 'fastify';
import { createBearerCheck } from '@ethixai/service-kit';
import { httpError } from '../errors.ts';

/**
 * GET /metrics holds every organisation's model ids and disparities: only a caller presenting the
 * scrape credential (METRICS_TOKEN_FILE, sent by Prometheus from `authorization.credentials_file`)
 * gets it. Anyone else gets 401 BE_ERR_METRICS_UNAUTHORIZED.
 */
export function metricsGuard(tokens: readonly string[]): onRequestAsyncHookHandler {
  if (tokens.length === 0) throw new Error('metrics are on but no scrape token is configured (METRICS_TOKEN_FILE)');
  const check = createBearerCheck(tokens);
  return async (request) => {
    if (check(request.headers.authorization)) return;
    throw httpError(
      'BE_ERR_METRICS_UNAUTHORIZED',
      'Send "Authorization: Bearer <scrape token>" (the token in METRICS_TOKEN_FILE)',
      {
        headers: { 'www-authenticate': 'Bearer realm="metrics"' },
      },
    );
  };
}
