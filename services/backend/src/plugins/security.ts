import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { httpError } from '../errors.ts';

/** HSTS for a year with subdomains, a strict CSP that forbids framing, same-site CORP. */
export const HELMET_OPTIONS: HelmetOptions = {
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { 'frame-ancestors': ["'none'"], 'form-action': ["'self'"] },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * An allowlist with credentials; strict preflight (an OPTIONS without Origin and
 * Access-Control-Request-Method is 400). A listed Origin is reflected, a missing one (same-origin
 * pages, machine clients) passes without CORS headers, any other is 403 BE_ERR_FORBIDDEN in our
 * error body, so a refused browser origin learns nothing about credentials or exposed headers.
 */
export function corsOptions(allowlist: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowlist);
  return {
    credentials: true,
    strictPreflight: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id', 'Idempotency-Key', 'Prefer'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    origin: (origin, cb) => {
      if (origin === undefined || allowed.has(origin)) return cb(null, true);
      cb(httpError('BE_ERR_FORBIDDEN', `Origin ${origin} is not allowed`), false);
    },
  };
}

/**
 * Security headers on every response, errors and 404s included, and CORS from CORS_ORIGINS (an
 * empty list admits no cross-origin caller). A route may still replace a header with
 * `reply.header` (the HTML report export sends a stricter CSP; /docs its static CSP).
 * Preflights are answered by @fastify/cors in its onRequest hook, before authentication.
 *
 * The headers come from helmet's own middleware, built once here. @fastify/helmet 13 calls
 * `helmet(options)` again for every request, which re-parses the CSP directives and rebuilds every
 * header middleware: GET /health cost 131 µs of CPU per request with it and 105 µs with this
 * (median of 3 rounds, `node tools/bench/src/pipeline-profile.ts --routes health,evaluate
 * --rounds 3 --duration 4 --compare DIR`, DIR a checkout with @fastify/helmet, 2026-12-06).
 */
async function securityPlugin(fastify: FastifyInstance): Promise<void> {
  const setSecurityHeaders = helmet(HELMET_OPTIONS);
  fastify.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, () => done()));
  await fastify.register(cors, corsOptions(fastify.config.CORS_ALLOWLIST));
}

export default fp(securityPlugin, { name: 'security', dependencies: ['config'] });
