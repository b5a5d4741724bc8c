import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { httpError } from '../errors.ts';

/** Security headers (HSTS, CSP, ...) and a CORS allowlist from config; an empty list admits no origin. */
async function securityPlugin(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'frame-ancestors': ["'none'"], 'form-action': ["'self'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
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
