import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerCors, staticCorsHeaders, type CorsPolicy } from './cors.ts';
import { staticSecurityHeaders } from './security-headers.ts';

/**
 * Security headers (HSTS, CSP, ...) on every response, errors and 404s included, and a CORS
 * allowlist from config; an empty list admits no origin. A route may still replace a header
 * (the HTML report export sends its own, stricter CSP; /docs its static CSP). One onRequest hook
 * for both: the headers are computed once, and most requests (no Origin) only copy them.
 */
async function securityPlugin(fastify: FastifyInstance): Promise<void> {
  const policy: CorsPolicy = {
    allowlist: fastify.config.CORS_ALLOWLIST,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id', 'Idempotency-Key', 'Prefer'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
  };
  const headers = { ...staticSecurityHeaders(), ...staticCorsHeaders(policy) };
  const names = Object.keys(headers);
  const cors = registerCors(fastify, policy);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    for (const name of names) reply.header(name, headers[name]);
    const outcome = cors(request, reply);
    if (outcome === 'answered') return;
    done(outcome);
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['config'] });
