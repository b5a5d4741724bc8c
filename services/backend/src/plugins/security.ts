import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { securityHeadersPlugin } from '@ethixai/service-kit';
import { httpError } from '../errors.ts';

/**
 * An allowlist with credentials; strict preflight (an OPTIONS without Origin and
 * Access-Control-Request-Method is 400). A listed Origin is reflected, a missing one (same-origin
 * pages, machine clients) passes without CORS headers, any other is 403 BE_ERR_FORBIDDEN in our
 * error body, so a refused browser origin learns nothing about credentials or exposed headers.
 * The backend's own origin is not cross-origin: browsers send Origin on same-origin POSTs and
 * module scripts (the web UI at /app/), and those pass without CORS headers too.
 */
export function corsOptions(allowlist: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowlist);
  const crossOrigin: FastifyCorsOptions = {
    credentials: true,
    strictPreflight: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id', 'Idempotency-Key', 'Prefer'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    origin: (origin, cb) => {
      if (origin === undefined || allowed.has(origin)) return cb(null, true);
      cb(httpError('BE_ERR_FORBIDDEN', `Origin ${origin.slice(0, 200)} is not allowed`), false);
    },
  };
  const sameOrigin: FastifyCorsOptions = { origin: false };
  return {
    delegator: (request, cb) => cb(null, request.headers.origin === ownOrigin(request) ? sameOrigin : crossOrigin),
  };
}

/** This server's origin as the caller addressed it (protocol and host honour TRUST_PROXY). */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Security headers on every response, errors and 404s included (the kit's helmet options; a route
 * may still replace a header with `reply.header`: the HTML report export sends a stricter CSP,
 * /docs its static CSP), and CORS from CORS_ORIGINS (an empty list admits no cross-origin caller).
 * Preflights are answered by @fastify/cors in its onRequest hook, before authentication; one that
 * lacks its two headers is refused here first, in the error body, naming what is missing.
 */
async function securityPlugin(fastify: FastifyInstance): Promise<void> {
  await fastify.register(securityHeadersPlugin);
  fastify.addHook('onRequest', async (request) => {
    if (request.method !== 'OPTIONS') return;
    const missing = ['origin', 'access-control-request-method'].filter((name) => request.headers[name] === undefined);
    if (missing.length > 0)
      throw httpError(
        'BE_ERR_BAD_REQUEST',
        `An OPTIONS request is a CORS preflight and needs the ${missing.join(' and ')} header${missing.length > 1 ? 's' : ''}`,
      );
  });
  await fastify.register(cors, corsOptions(fastify.config.CORS_ALLOWLIST));
}

export default fp(securityPlugin, { name: 'security', dependencies: ['config'] });
