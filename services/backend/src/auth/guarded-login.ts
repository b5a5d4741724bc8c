import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import type { TokenPair } from '@ethixai/contracts';
import { httpError } from '../errors.ts';
import { refuseWhenExceeded } from '../rate-limit/rate-limit-plugin.ts';
import { createLoginLockout } from './login-lockout.ts';

/** A password login behind every guard, for each route that takes one (API and browser session). */
export type GuardedLogin = (request: FastifyRequest, email: string, password: string) => Promise<TokenPair>;

/**
 * Every limit is checked before the password hash is computed (it is the expensive part): login
 * attempts per address and per account (LOGIN_RATE_LIMIT_MAX), then the lockout of an account or
 * address with too many wrong passwords. A wrong password counts towards the lockout; a right one
 * clears its account's failures. All count in the shared counters, so they hold across replicas.
 */
export function createGuardedLogin(fastify: FastifyInstance): GuardedLogin {
  const cfg = fastify.config;
  const loginsByIp = fastify.createRateLimit({
    max: cfg.LOGIN_RATE_LIMIT_MAX,
    keyGenerator: (request) => `login-ip:${normalizeIP(request.ip)}`,
  });
  const loginsByAccount = fastify.createRateLimit({
    max: cfg.LOGIN_RATE_LIMIT_MAX,
    keyGenerator: (request) => `login-account:${(request.body as { email: string }).email.toLowerCase()}`,
  });
  const lockout = createLoginLockout(
    fastify.rateCounters,
    {
      perAccount: cfg.LOGIN_FAILURES_PER_ACCOUNT,
      perAddress: cfg.LOGIN_FAILURES_PER_ADDRESS,
      failureWindowMs: cfg.LOGIN_FAILURE_WINDOW_MS,
      lockoutBaseMs: cfg.LOGIN_LOCKOUT_BASE_MS,
      lockoutMaxMs: cfg.LOGIN_LOCKOUT_MAX_MS,
    },
    fastify.businessMetrics,
  );

  return async (request, email, password) => {
    refuseWhenExceeded(await loginsByIp(request));
    refuseWhenExceeded(await loginsByAccount(request));
    await lockout.check(request, email);
    try {
      const pair = await fastify.sessionService.login(email, password);
      await lockout.succeeded(email);
      return pair;
    } catch (err) {
      if (httpError.is(err) && err.code === 'BE_ERR_INVALID_CREDENTIALS') await lockout.failed(request, email);
      throw err;
    }
  };
}
