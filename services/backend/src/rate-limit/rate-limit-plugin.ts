import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { httpError, type BackendError } from '../errors.ts';
import { rateLimitStoreOver } from './plugin-store.ts';
import { parseClassLimits, principalLimits } from './principal-limits.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route class for rate limiting; users get RATE_LIMIT_CLASSES[class] on it, within their total. */
    rateLimitClass?: string;
  }
}

/** The outcome of a `fastify.createRateLimit()` check. */
type RateLimitCheck = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

/** 429 BE_ERR_RATE_LIMITED with Retry-After in whole seconds (never 0: clients read 0 as "now"). */
export function rateLimited(max: number, ttlMs: number): BackendError {
  const retryAfter = String(Math.max(1, Math.ceil(ttlMs / 1000)));
  return httpError(
    'BE_ERR_RATE_LIMITED',
    `Rate limit of ${max} requests per window exceeded; retry in ${retryAfter}s`,
    { headers: { 'retry-after': retryAfter } },
  );
}

/** For checks made in a handler with `fastify.createRateLimit()` (e.g. login per account). */
export function refuseWhenExceeded(check: RateLimitCheck): void {
  if (!check.isAllowed && check.isExceeded) throw rateLimited(check.max, check.ttl);
}

/**
 * @fastify/rate-limit, per principal (principal-limits.ts), checked right after authentication:
 * its hook is added to each route after the auth hook. It counts in `fastify.rateCounters`
 * (PostgreSQL when that is the store, so the limits hold across replicas). Probe and scrape
 * routes are registered before this plugin and are never limited. 404s have no route, so the
 * not-found path runs the same limiter (same store and keys) from an onRequest hook. A route of a
 * class named in RATE_LIMIT_CLASSES gets a second check, the user's class bucket, after the total.
 */
async function rateLimitPlugin(fastify: FastifyInstance): Promise<void> {
  const cfg = fastify.config;
  const classLimits = parseClassLimits(cfg.RATE_LIMIT_CLASSES);
  const limits = principalLimits({
    windowMs: cfg.RATE_LIMIT_WINDOW_MS,
    userMax: cfg.RATE_LIMIT_USER_MAX,
    anonymousMax: cfg.RATE_LIMIT_ANONYMOUS_MAX,
    apiKeyDefaultPerMinute: cfg.RATE_LIMIT_API_KEY_DEFAULT_MAX,
    classLimits,
  });
  await fastify.register(rateLimit, {
    timeWindow: cfg.RATE_LIMIT_WINDOW_MS,
    keyGenerator: limits.keyGenerator,
    max: limits.max,
    // A counter that cannot be reached fails the request (503 when the database is down), never
    // admits it unchecked.
    store: rateLimitStoreOver(fastify.rateCounters),
    errorResponseBuilder: (_request, context) => rateLimited(context.max, context.ttl),
  });
  const limitNotFound = fastify.rateLimit();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!request.is404) return done();
    limitNotFound.call(fastify, request, reply).then(() => done(), done);
  });

  const classLimiter = fastify.createRateLimit({
    keyGenerator: (request) => limits.classLimit(request)?.key ?? '',
    max: (request) => limits.classLimit(request)?.max ?? 1,
  });
  const checkClass: onRequestHookHandler = (request, _reply, done) => {
    if (limits.classLimit(request) === undefined) return done();
    classLimiter(request)
      .then((check) => {
        refuseWhenExceeded(check);
        done();
      })
      .catch(done);
  };
  // Added after the plugin's own onRoute hook, so the class check runs after the total.
  fastify.addHook('onRoute', (route) => {
    const name = route.config?.rateLimitClass;
    if (name === undefined || !classLimits.has(name)) return;
    const existing =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, checkClass];
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['config', 'auth', 'rate-counters'] });
