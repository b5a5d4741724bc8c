import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { httpError, type BackendError } from '../errors.ts';
import { parseClassLimits, principalLimits } from './principal-limits.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route class for rate limiting; users get RATE_LIMIT_CLASSES[class] on it, counted apart. */
    rateLimitClass?: string;
  }
}

export interface RateLimitPluginOptions {
  /**
   * A store shared by replicas, through @fastify/rate-limit's store interface; default: its
   * in-process LRU store, exact for one replica (see README.md).
   */
  store?: FastifyRateLimitStoreCtor;
}

/** Distinct callers remembered per store; an evicted caller starts a fresh window. */
const LOCAL_STORE_KEYS = 50_000;

/** The outcome of a `fastify.createRateLimit()` check. */
type RateLimitCheck = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

/** 429 BE_ERR_RATE_LIMITED with Retry-After in whole seconds (never 0: clients read 0 as "now"). */
export function rateLimited(max: number, ttlMs: number): BackendError {
  const retryAfter = String(Math.max(1, Math.ceil(ttlMs / 1000)));
  return httpError('BE_ERR_RATE_LIMITED', `Rate limit of ${max} requests per window exceeded; retry in ${retryAfter}s`, { headers: { 'retry-after': retryAfter } });
}

/** For checks made in a handler with `fastify.createRateLimit()` (e.g. login per account). */
export function refuseWhenExceeded(check: RateLimitCheck): void {
  if (!check.isAllowed && check.isExceeded) throw rateLimited(check.max, check.ttl);
}

/**
 * @fastify/rate-limit, per principal (principal-limits.ts), checked right after authentication:
 * its hook is added to each route after the auth hook. Probe and scrape routes are registered
 * before this plugin and are never limited. 404s have no route, so the not-found path runs the
 * same limiter (same store and keys) from an onRequest hook.
 */
async function rateLimitPlugin(fastify: FastifyInstance, opts: RateLimitPluginOptions): Promise<void> {
  const cfg = fastify.config;
  const limits = principalLimits({
    windowMs: cfg.RATE_LIMIT_WINDOW_MS,
    userMax: cfg.RATE_LIMIT_USER_MAX,
    anonymousMax: cfg.RATE_LIMIT_ANONYMOUS_MAX,
    apiKeyDefaultPerMinute: cfg.RATE_LIMIT_API_KEY_DEFAULT_MAX,
    classLimits: parseClassLimits(cfg.RATE_LIMIT_CLASSES),
  });
  await fastify.register(rateLimit, {
    timeWindow: cfg.RATE_LIMIT_WINDOW_MS,
    keyGenerator: limits.keyGenerator,
    max: limits.max,
    cache: LOCAL_STORE_KEYS,
    store: opts.store,
    errorResponseBuilder: (_request, context) => rateLimited(context.max, context.ttl),
  });
  const limitNotFound = fastify.rateLimit();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!request.is404) return done();
    limitNotFound.call(fastify, request, reply).then(() => done(), done);
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['config', 'auth'] });
