import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import { httpError } from '../errors.ts';
import { staticSecurityHeaders } from './security-headers.ts';

/**
 * Security headers (HSTS, CSP, ...) on every response, errors and 404s included, and a CORS
 * allowlist from config; an empty list admits no origin. A route may still replace a header
 * (the HTML report export sends its own, stricter CSP; /docs its static CSP).
 */
async function securityPlugin(fastify: FastifyInstance): Promise<void> {
  const headers = staticSecurityHeaders();
  const names = Object.keys(headers);
  fastify.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    for (const name of names) reply.header(name, headers[name]);
    done();
  });
  const allowed = new Set(fastify.config.CORS_ALLOWLIST);
  await fastify.register(cors, {
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id', 'Idempotency-Key', 'Prefer'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    origin: (origin, cb) => {
      // Same-origin and non-browser callers send no Origin header.
      if (origin === undefined || allowed.has(origin)) return cb(null, true);
      cb(httpError('BE_ERR_FORBIDDEN', `Origin ${origin} is not allowed`), false);
    },
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['config'] });
