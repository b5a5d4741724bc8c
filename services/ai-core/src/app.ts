/**
 * ai-core as one Fastify plugin: security headers, telemetry (metrics, tracing, request log, /health, /ready),
 * error handling, the OpenAPI document (/docs/json) and the authenticated analysis scope.
 * server.ts registers it (wrapped in fastify-plugin) into a listening process; tests build
 * exactly the same plugin through test/helper.ts.
 */
import type { FastifyInstance } from 'fastify';
import { observabilityPlugin, type Telemetry } from '@ethixai/observability';
import { createHealthState, healthPlugin, securityHeadersPlugin, type HealthState } from '@ethixai/service-kit';
import type { AiCoreConfig } from './config/env.ts';
import type { StageObserver } from './analysis/stages.ts';
import { registerBodyParsers } from './plugins/body-parsers.ts';
import { errorHandler } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { metricsGuard, requireServiceToken } from './plugins/service-token.ts';
import { stageObserver } from './plugins/stage-observer.ts';
import { analyzeRoutes } from './routes/analyze.ts';

export interface AiCoreAppOptions {
  readonly config: AiCoreConfig;
  /** Built by the composition root (createTelemetry); without it: no metrics or spans, health still served. */
  readonly telemetry?: Telemetry;
  /** The lifecycle flag behind /ready (tests; a process marks it through `app.markShuttingDown()`). */
  readonly health?: HealthState;
  /** Replaces the telemetry-backed stage observer (tests). */
  readonly stageObserver?: StageObserver;
}

export default async function serviceApp(fastify: FastifyInstance, options: AiCoreAppOptions): Promise<void> {
  const { config, telemetry } = options;
  // First, so every answer carries the security headers the backend's do (helmet, same options),
  // and every route (/metrics and the probes included) answers errors in ai-core's shape.
  await fastify.register(securityHeadersPlugin);
  await fastify.register(errorHandler(config.limits));
  await fastify.register(observabilityPlugin, {
    metrics: telemetry?.metrics,
    tracing: telemetry?.tracing,
    metricsGuard: telemetry?.metrics === undefined ? undefined : metricsGuard(config.metricsTokens),
  });
  await fastify.register(healthPlugin, {
    service: config.telemetry.serviceName,
    state: options.health ?? createHealthState(),
  });
  await registerOpenApi(fastify);

  const observer = options.stageObserver ?? stageObserver(telemetry);
  await fastify.register(async function analysisScope(scope) {
    requireServiceToken(scope, config.token);
    await registerBodyParsers(scope, config.limits);
    await scope.register(analyzeRoutes({ limits: config.limits, observer }));
  });
}
