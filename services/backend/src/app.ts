import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { EnvConfig } from './config/env.ts';
import type { Secrets } from './config/secrets.ts';
import type { DbHandle } from './db/connect.ts';
import type { RateLimiter } from './rate-limit/limiter.ts';
import configPlugin from './plugins/config.ts';
import securityPlugin from './plugins/security.ts';
import openapiPlugin from './plugins/openapi.ts';
import errorHandlerPlugin from './plugins/error-handler.ts';
import dbPlugin from './plugins/db.ts';
import authPlugin from './auth/auth-plugin.ts';
import rateLimitPlugin from './rate-limit/rate-limit-plugin.ts';
import healthPlugin from './plugins/health.ts';
import { ROUTES } from './routes/index.ts';

export interface AppOptions {
  config: EnvConfig;
  secrets: Secrets;
  /** Tests pass their own database; otherwise the app opens DATABASE_URL and closes it on close. */
  db?: DbHandle;
  rateLimiter?: RateLimiter;
}

/**
 * Options for the Fastify instance, shared by server.ts and the tests so both validate alike.
 * Unknown body properties are rejected (removeAdditional: false + additionalProperties: false),
 * not silently dropped; query strings are still coerced from text.
 */
export function fastifyOptions(config: EnvConfig, overrides: FastifyServerOptions = {}): FastifyServerOptions {
  return {
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A number means "trust this many hops" (Fastify accepts it; its typings lag).
    trustProxy: config.TRUST_PROXY as boolean,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    connectionTimeout: 60_000,
    requestTimeout: 120_000,
    keepAliveTimeout: 72_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    logger: {
      level: config.LOG_LEVEL,
      base: { service: 'ethixai-backend' },
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
    },
    ...overrides,
  };
}

/** The backend as one Fastify plugin: external plugins, then our plugins, then routes. */
export default async function serviceApp(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  await fastify.register(configPlugin, { config: opts.config, secrets: opts.secrets });
  // First, so every route (including those external plugins add) answers errors in our shape.
  await fastify.register(errorHandlerPlugin);
  await fastify.register(securityPlugin);
  await fastify.register(dbPlugin, { handle: opts.db });
  await fastify.register(authPlugin);
  await fastify.register(rateLimitPlugin, { limiter: opts.rateLimiter });
  // After auth (its request decorations must exist for every route) and before any route (it records them).
  await fastify.register(openapiPlugin);
  await fastify.register(healthPlugin);

  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  for (const route of ROUTES) await fastify.register(route.plugin, { prefix: route.prefix });
}
