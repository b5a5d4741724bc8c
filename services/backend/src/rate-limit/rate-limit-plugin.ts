import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpError } from '../errors.ts';
import { OPS_ROUTES } from '../plugins/ops-routes.ts';
import { FixedWindowLimiter, retryAfterSeconds, type RateDecision, type RateLimiter } from './limiter.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route class for rate limiting; users get RATE_LIMIT_CLASSES[class] (default RATE_LIMIT_USER_MAX). */
    rateLimitClass?: string;
  }
  interface FastifyInstance {
    rateLimiter: RateLimiter;
    /** Throws 429 BE_ERR_RATE_LIMITED (with Retry-After) when `key` has used up `max` this window. */
    enforceRateLimit(key: string, max: number): Promise<void>;
  }
}

export interface RateLimitPluginOptions {
  /** Replace the in-process limiter (e.g. with a Redis-backed one when running several replicas). */
  limiter?: RateLimiter;
}

export function parseClassLimits(spec: string): Map<string, number> {
  const limits = new Map<string, number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, max] = part.split('=');
    const n = Number(max);
    if (!name || !Number.isInteger(n) || n < 1) throw new Error(`RATE_LIMIT_CLASSES: "${part}" is not name=positive-integer`);
    limits.set(name.trim(), n);
  }
  return limits;
}

/**
 * Per-principal, per-route-class limits, checked right after authentication (onRequest):
 * users `u:<id>:<class>`, API keys `k:<id>:<class>` at their own per-key limit, anonymous callers
 * (public routes, unknown URLs) `ip:<ip>`.
 */
async function rateLimitPlugin(fastify: FastifyInstance, opts: RateLimitPluginOptions): Promise<void> {
  const cfg = fastify.config;
  const limiter = opts.limiter ?? new FixedWindowLimiter(cfg.RATE_LIMIT_WINDOW_MS);
  const classLimits = parseClassLimits(cfg.RATE_LIMIT_CLASSES);
  const perWindow = (perMinute: number) => Math.max(1, Math.ceil((perMinute * cfg.RATE_LIMIT_WINDOW_MS) / 60_000));

  function refusal(max: number, decision: RateDecision): Error | undefined {
    if (decision.allowed) return undefined;
    const retryAfter = retryAfterSeconds(decision.resetMs);
    return httpError('BE_ERR_RATE_LIMITED', `Rate limit of ${max} requests per window exceeded; retry in ${retryAfter}s`, {
      headers: { 'retry-after': retryAfter },
    });
  }

  async function enforce(key: string, max: number): Promise<void> {
    const err = refusal(max, await limiter.hit(key, max));
    if (err) throw err;
  }

  fastify.decorate('rateLimiter', limiter);
  fastify.decorate('enforceRateLimit', enforce);

  // Callback style: the in-process limiter decides synchronously, so no promise per request.
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (OPS_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const principal = request.principal;
    let key: string;
    let max: number;
    // Public routes (and routes of plugins registered before auth) carry no principal.
    if (principal == null) {
      key = `ip:${request.ip}`;
      max = cfg.RATE_LIMIT_ANONYMOUS_MAX;
    } else {
      const routeClass = request.routeOptions.config.rateLimitClass ?? 'default';
      if (principal.kind === 'api_key') {
        key = `k:${principal.id}:${routeClass}`;
        max = perWindow(principal.rateLimitPerMinute ?? cfg.RATE_LIMIT_API_KEY_DEFAULT_MAX);
      } else {
        key = `u:${principal.id}:${routeClass}`;
        max = classLimits.get(routeClass) ?? cfg.RATE_LIMIT_USER_MAX;
      }
    }
    let decision: RateDecision | Promise<RateDecision>;
    try {
      decision = limiter.hit(key, max);
    } catch (err) {
      return done(err as Error);
    }
    if ('then' in decision) decision.then((d) => done(refusal(max, d)), done);
    else done(refusal(max, decision));
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['config', 'auth'] });
