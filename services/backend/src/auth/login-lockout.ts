import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import {
  LOG_ACCOUNT_REF,
  LOG_CLIENT_IP,
  LOG_CREDENTIAL,
  LOG_FAILURES,
  LOG_MSG_AUTH_FAILED,
  LOG_MSG_AUTH_THROTTLED,
  LOG_RETRY_AFTER_S,
  type ThrottleScope,
} from '@ethixai/observability';
import { httpError } from '../errors.ts';
import type { BackendMetrics } from '../plugins/business-metrics.ts';
import type { CounterStore } from '../rate-limit/counter-store.ts';
import { retryAfterSeconds } from './failed-auth-throttle.ts';

export interface LoginLockoutSettings {
  /** Failed logins of one account within `failureWindowMs` before it is locked. */
  readonly perAccount: number;
  /** Failed logins from one address within `failureWindowMs` before it is locked. */
  readonly perAddress: number;
  readonly failureWindowMs: number;
  /** The first lockout; each further failure doubles it, up to `lockoutMaxMs`. */
  readonly lockoutBaseMs: number;
  readonly lockoutMaxMs: number;
}

/** Lock length after `failures` failures, `threshold` of which were free: base, 2 x base, 4 x base, ... capped. */
export function lockoutMs(settings: LoginLockoutSettings, failures: number, threshold: number): number {
  return Math.min(settings.lockoutMaxMs, settings.lockoutBaseMs * 2 ** Math.min(30, failures - threshold));
}

const accountRef = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 16);

/**
 * A growing lockout on repeated failed logins, per account and per source address: after
 * `perAccount` (`perAddress`) failures within the failure window, the account (address) is locked
 * for `lockoutBaseMs`, and every further failure doubles the lock up to `lockoutMaxMs`. A locked
 * login is refused with 429 BE_ERR_LOGIN_LOCKED before the password is hashed. A successful login
 * clears its account's failures (not its address's: one good account must not launder an
 * address's guesses). The cap bounds how long an attacker can lock a victim out. Counted in the
 * shared counters, so the lockout holds across replicas.
 */
export function createLoginLockout(counters: CounterStore, settings: LoginLockoutSettings, metrics: BackendMetrics) {
  const scopes = (request: FastifyRequest, email: string) => {
    const account = email.toLowerCase();
    return [
      { scope: 'account' as ThrottleScope, id: account, threshold: settings.perAccount },
      { scope: 'address' as ThrottleScope, id: normalizeIP(request.ip), threshold: settings.perAddress },
    ];
  };
  const failKey = (scope: ThrottleScope, id: string) => `login-fail:${scope}:${id}`;
  const lockKey = (scope: ThrottleScope, id: string) => `login-lock:${scope}:${id}`;
  const logFields = (request: FastifyRequest, email: string) => ({
    [LOG_CLIENT_IP]: request.ip,
    [LOG_CREDENTIAL]: 'password',
    [LOG_ACCOUNT_REF]: accountRef(email.toLowerCase()),
  });

  return {
    /** Throws 429 BE_ERR_LOGIN_LOCKED while the account or the address is locked. */
    async check(request: FastifyRequest, email: string): Promise<void> {
      const targets = scopes(request, email);
      const locks = await Promise.all(targets.map((t) => counters.read(lockKey(t.scope, t.id))));
      const longest = locks.reduce(
        (max, lock, i) => (lock.ttlMs > (max?.ttlMs ?? 0) ? { ttlMs: lock.ttlMs, scope: targets[i]!.scope } : max),
        undefined as { ttlMs: number; scope: ThrottleScope } | undefined,
      );
      if (longest === undefined) return;
      const retryAfter = retryAfterSeconds(longest.ttlMs);
      metrics.authThrottled('password', longest.scope);
      request.log.warn(
        { ...logFields(request, email), [LOG_RETRY_AFTER_S]: Number(retryAfter) },
        LOG_MSG_AUTH_THROTTLED,
      );
      throw httpError(
        'BE_ERR_LOGIN_LOCKED',
        `Too many failed logins for this ${longest.scope}; retry in ${retryAfter}s`,
        { headers: { 'retry-after': retryAfter } },
      );
    },

    /** Counts a wrong password against the account and the address; locks either past its threshold. */
    async failed(request: FastifyRequest, email: string): Promise<void> {
      const targets = scopes(request, email);
      const counts = await Promise.all(
        targets.map((t) => counters.hit(failKey(t.scope, t.id), settings.failureWindowMs)),
      );
      metrics.authFailed('password');
      await Promise.all(
        targets.map((t, i) => {
          const failures = counts[i]!.count;
          return failures >= t.threshold
            ? counters.hit(lockKey(t.scope, t.id), lockoutMs(settings, failures, t.threshold))
            : undefined;
        }),
      );
      request.log.warn({ ...logFields(request, email), [LOG_FAILURES]: counts[0]!.count }, LOG_MSG_AUTH_FAILED);
    },

    async succeeded(email: string): Promise<void> {
      await counters.clear(failKey('account', email.toLowerCase()));
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;
