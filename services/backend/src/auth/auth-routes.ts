import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LoginBodySchema, MeResponseSchema, RefreshBodySchema, TokenPairSchema } from '@ethixai/contracts';
import { normalizeIP } from '@fastify/rate-limit';
import { errors } from '../http/error-responses.ts';
import { httpError } from '../errors.ts';
import { refuseWhenExceeded } from '../rate-limit/rate-limit-plugin.ts';
import { createLoginLockout } from './login-lockout.ts';

/** Sessions: login, refresh rotation, logout, and who the caller is. */
const authRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['auth'];
  const loginMax = fastify.config.LOGIN_RATE_LIMIT_MAX;
  const loginsByIp = fastify.createRateLimit({ max: loginMax, keyGenerator: (request) => `login-ip:${normalizeIP(request.ip)}` });
  const loginsByAccount = fastify.createRateLimit({
    max: loginMax,
    keyGenerator: (request) => `login-account:${(request.body as { email: string }).email.toLowerCase()}`,
  });
  const cfg = fastify.config;
  const lockout = createLoginLockout(fastify.rateCounters, {
    perAccount: cfg.LOGIN_FAILURES_PER_ACCOUNT,
    perAddress: cfg.LOGIN_FAILURES_PER_ADDRESS,
    failureWindowMs: cfg.LOGIN_FAILURE_WINDOW_MS,
    lockoutBaseMs: cfg.LOGIN_LOCKOUT_BASE_MS,
    lockoutMaxMs: cfg.LOGIN_LOCKOUT_MAX_MS,
  }, fastify.businessMetrics);

  fastify.post('/login', {
    config: { public: true },
    schema: { tags, summary: 'Exchange email and password for an access token and a refresh token', body: LoginBodySchema, response: { 200: TokenPairSchema, ...errors(400, 401, 413, 415, 429) } },
  }, async (request) => {
    const { email, password } = request.body;
    // Every limit is checked before the password hash is computed (it is the expensive part).
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
  });

  fastify.post('/refresh', {
    config: { public: true },
    schema: { tags, summary: 'Rotate a refresh token: returns a new pair; the presented token is spent', body: RefreshBodySchema, response: { 200: TokenPairSchema, ...errors(400, 401, 413, 415, 429) } },
  }, async (request) => fastify.sessionService.refresh(request.body.refreshToken));

  fastify.post('/logout', {
    config: { public: true },
    schema: { tags, summary: 'Revoke the refresh token and every token rotated from the same login', body: RefreshBodySchema, response: { 204: Type.Null(), ...errors(400, 401, 413, 415, 429) } },
  }, async (request, reply) => {
    await fastify.sessionService.logout(request.body.refreshToken);
    return reply.code(204).send(null);
  });

  fastify.get('/me', {
    schema: { tags, summary: 'The calling principal', response: { 200: MeResponseSchema, ...errors(401, 429) } },
  }, async (request) => fastify.sessionService.whoAmI(request.principal));
};

export default authRoutes;
