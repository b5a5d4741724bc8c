/**
 * ai-core as one Fastify plugin: error handling, health, and the authenticated analysis scope.
 * server.ts registers it (wrapped in fastify-plugin) into a listening process; tests build exactly
 * the same plugin through test/helper.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { AiCoreConfig } from './config/env.ts';
import { NOOP_STAGE_OBSERVER, type StageObserver } from './analysis/stages.ts';
import { registerBodyParsers } from './plugins/body-parsers.ts';
import { registerErrorHandlers } from './plugins/error-handler.ts';
import { requireServiceToken } from './plugins/service-token.ts';
import { analyzeRoutes } from './routes/analyze.ts';
import { healthRoutes, type Readiness } from './routes/health.ts';

export interface AiCoreAppOptions {
  readonly config: AiCoreConfig;
  /** Telemetry seam for engine stages (histogram + spans); no-op when absent. */
  readonly stageObserver?: StageObserver;
  /** Shared with the process so a shutdown signal can flip /ready before the listener closes. */
  readonly readiness?: Readiness;
}

export default async function serviceApp(fastify: FastifyInstance, options: AiCoreAppOptions): Promise<void> {
  const { config } = options;
  const readiness = options.readiness ?? { shuttingDown: false };
  registerErrorHandlers(fastify, config.limits);
  fastify.addHook('preClose', async () => {
    readiness.shuttingDown = true;
  });

  await fastify.register(healthRoutes(readiness));
  await fastify.register(async function analysisScope(scope) {
    requireServiceToken(scope, config.token);
    registerBodyParsers(scope, config.limits);
    await scope.register(analyzeRoutes({ limits: config.limits, observer: options.stageObserver ?? NOOP_STAGE_OBSERVER }));
  });
}
