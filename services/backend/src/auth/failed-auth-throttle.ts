import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import {
  LOG_CLIENT_IP,
  LOG_CREDENTIAL,
  LOG_FAILURES,
  LOG_MSG_AUTH_FAILED,
  LOG_MSG_AUTH_THROTTLED,
  LOG_RETRY_AFTER_S,
  type AuthCredential,
} from '@ethixai/observability';
import { httpError, type BackendError } from '../errors.ts';
import type { BackendMetrics } from '../plugins/business-metrics.ts';
import type { CounterStore } from '../rate-limit/counter-store.ts';

export interface FailedAuthSettings {
  /** Failed authentications an address may have per window (AUTH_FAILURES_MAX). */
  readonly max: number;
  readonly windowMs: number;
}

export function retryAfterSeconds(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs / 1000)));
}

function throttled(ttlMs: number): BackendError {
  const retryAfter = retryAfterSeconds(ttlMs);
  return httpError(
    'BE_ERR_AUTH_THROTTLED',
    `Too many failed authentications from this address; retry in ${retryAfter}s`,
    { headers: { 'retry-after': retryAfter } },
  );
}

/**
 * Failed authentications (a bad access token or API key) per source address — `request.ip`, so
 * behind TRUST_PROXY the client's, an IPv6 client by its /64. An address that has used up its
 * failures is refused with 429 before its credentials are looked at, until its window ends, so
 * credentials cannot be guessed at request rate. Counted in the shared counters, so the limit
 * holds across replicas.
 */
export function createFailedAuthThrottle(
  counters: CounterStore,
  settings: FailedAuthSettings,
  metrics: BackendMetrics,
) {
  const keyOf = (request: FastifyRequest) => `auth-fail:${normalizeIP(request.ip)}`;
  return {
    /** Throws 429 BE_ERR_AUTH_THROTTLED when the address has no failures left. */
    async check(request: FastifyRequest, credential: AuthCredential): Promise<void> {
      const { count, ttlMs } = await counters.read(keyOf(request));
      if (count < settings.max) return;
      metrics.authThrottled(credential, 'address');
      request.log.warn(
        {
          [LOG_CLIENT_IP]: request.ip,
          [LOG_CREDENTIAL]: credential,
          [LOG_FAILURES]: count,
          [LOG_RETRY_AFTER_S]: Number(retryAfterSeconds(ttlMs)),
        },
        LOG_MSG_AUTH_THROTTLED,
      );
      throw throttled(ttlMs);
    },

    /** Counts one failed authentication against the address. */
    async failed(request: FastifyRequest, credential: AuthCredential): Promise<void> {
      const { count } = await counters.hit(keyOf(request), settings.windowMs);
      metrics.authFailed(credential);
      request.log.warn(
        { [LOG_CLIENT_IP]: request.ip, [LOG_CREDENTIAL]: credential, [LOG_FAILURES]: count },
        LOG_MSG_AUTH_FAILED,
      );
    },
  };
}

export type FailedAuthThrottle = ReturnType<typeof createFailedAuthThrottle>;
