import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance, FastifyServerOptions } from 'fastify';
import { MAX_BYTES_KEYWORD } from '@ethixai/contracts';
import {
  DEPENDENCY_AI_CORE,
  createTelemetry,
  fastifyLoggingOptions,
  observabilityPlugin,
  type Telemetry,
} from '@ethixai/observability';
import {
  createHealthState,
  healthPlugin,
  httpServerOptions,
  type DependencyProbe,
  type HealthState,
} from '@ethixai/service-kit';
import type { EnvConfig } from './config/env.ts';
import type { Secrets } from './config/secrets.ts';
import type { DbHandle } from './db/connect.ts';
import { createBackendLogger, SERVICE_NAME, telemetryConfig } from './telemetry-config.ts';
import configPlugin from './plugins/config.ts';
import securityPlugin from './plugins/security.ts';
import loadSheddingPlugin from './plugins/load-shedding.ts';
import compressionPlugin from './plugins/compression.ts';
import openapiPlugin from './plugins/openapi.ts';
import errorHandlerPlugin, { CODES } from './plugins/error-handler.ts';
import dbPlugin from './plugins/db.ts';
import businessMetricsPlugin, { circuitName, setDependencyState } from './plugins/business-metrics.ts';
import authPlugin from './auth/auth-plugin.ts';
import rateLimitPlugin from './rate-limit/rate-limit-plugin.ts';
import countersPlugin from './rate-limit/counters-plugin.ts';
import type { CounterStore } from './rate-limit/counter-store.ts';
import bodyLessRoutesPlugin from './plugins/body-less-routes.ts';
import { metricsGuard } from './plugins/metrics-guard.ts';
import { FEATURES } from './features.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Metrics (undefined when ETHIXAI_METRICS=false) and tracing (undefined when off). */
    telemetry: Telemetry;
  }
}

export interface AppOptions {
  config: EnvConfig;
  secrets: Secrets;
  /** Built by server.ts; tests may pass their own (or get a fresh one from config). */
  telemetry?: Telemetry;
  /** The lifecycle flag behind /ready; `app.markShuttingDown()` sets it too. */
  health?: HealthState;
  /** Tests pass their own database; otherwise the app opens DATABASE_URL and closes it on close. */
  db?: DbHandle;
  /** Where every limit counts (default: PostgreSQL when it is the store, else in memory; see rate-limit/README.md). */
  counterStore?: CounterStore;
  /** Probes reported by /health/dependencies (e.g. ai-core); never part of /ready. */
  dependencies?: Record<string, DependencyProbe>;
}

/**
 * Options for the Fastify instance, shared by server.ts and the tests so both validate alike.
 * The kit's server options: bodies are validated without type coercion (query strings, path
 * parameters and headers are coerced from text), framework and parser errors answer in the error
 * body with the security headers, and the header and request timeouts answer a stalled request
 * with 408. Unknown body properties are rejected (removeAdditional: false + additionalProperties:
 * false), not silently dropped.
 */
export function fastifyOptions(config: EnvConfig, overrides: FastifyServerOptions = {}): FastifyHttpOptions<Server> {
  return {
    ...fastifyLoggingOptions(createBackendLogger(config)),
    ...httpServerOptions({
      codes: CODES,
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A number means "trust this many hops" (Fastify accepts it; its typings lag).
    trustProxy: config.TRUST_PROXY as boolean,
    // allowUnionTypes: data cells are one type list (see CellSchema); MAX_BYTES_KEYWORD documents upload limits.
    ajv: {
      customOptions: {
        removeAdditional: false,
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
        keywords: [MAX_BYTES_KEYWORD],
      },
    },
    ...overrides,
  };
}

/** The backend as one Fastify plugin: telemetry and external plugins, then our plugins, then routes. */
export default async function serviceApp(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  const telemetry = opts.telemetry ?? createTelemetry(telemetryConfig(opts.config));
  fastify.decorate('telemetry', telemetry);
  await fastify.register(configPlugin, { config: opts.config, secrets: opts.secrets });
  // First, so every route (including those plugins add) answers errors in our shape.
  await fastify.register(errorHandlerPlugin);
  await fastify.register(observabilityPlugin, {
    metrics: telemetry.metrics,
    tracing: telemetry.tracing,
    metricsGuard: telemetry.metrics === undefined ? undefined : metricsGuard(opts.secrets.METRICS_TOKENS),
  });
  await fastify.register(healthPlugin, {
    service: SERVICE_NAME,
    state: opts.health ?? createHealthState(),
    // Ready = this process can serve its own traffic: the database answers (DESIGN §6).
    readiness: async () => {
      await fastify.dbHandle.ping();
    },
    dependencies: opts.dependencies ?? {
      // Resolved at probe time: the analyses feature that owns the ai-core client registers later.
      [DEPENDENCY_AI_CORE]: async () => ({
        up: await fastify.aiCoreReachable(),
        circuit: circuitName(fastify.aiCoreCircuit()),
      }),
    },
    onDependencyState: (name, up, circuit) =>
      telemetry.metrics && setDependencyState(telemetry.metrics.instruments, name, up, circuit),
  });
  await fastify.register(securityPlugin);
  // After the security headers and CORS (a shed response keeps them), before auth and the database.
  await fastify.register(loadSheddingPlugin);
  await fastify.register(compressionPlugin);
  await fastify.register(dbPlugin, { handle: opts.db });
  await fastify.register(businessMetricsPlugin);
  await fastify.register(countersPlugin, { store: opts.counterStore });
  await fastify.register(authPlugin);
  await fastify.register(rateLimitPlugin);
  // After auth (its request decorations must exist for every route) and before any route (it records them).
  await fastify.register(openapiPlugin);
  await fastify.register(bodyLessRoutesPlugin);

  for (const feature of FEATURES) await fastify.register(feature);
}
