/**
 * The ai-core process: configuration, telemetry and the app, run by the kit's runService: listen
 * (port 8100 by default) and close gracefully on SIGTERM/SIGINT: /ready turns 503 first (and stays
 * so for AI_CORE_SHUTDOWN_DRAIN_MS), in-flight analyses finish, pending spans are flushed, then the
 * process exits 0 (or 1 if closing outlasts AI_CORE_SHUTDOWN_TIMEOUT_MS). A bad configuration
 * exits 78 with one line naming every bad variable.
 */
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { createLogger, createTelemetry, fastifyLoggingOptions } from '@ethixai/observability';
import { runService } from '@ethixai/service-kit';
import serviceApp from './app.ts';
import { fastifyOptions } from './fastify-options.ts';
import { loadConfig } from './config/env.ts';
import { telemetryConfig } from './telemetry-config.ts';

await runService({
  name: 'ethixai-ai-core',
  async build() {
    const config = loadConfig();
    const logger = createLogger({ service: config.telemetry.serviceName, level: config.telemetry.logLevel });
    const telemetry = createTelemetry(telemetryConfig(config));
    const app = Fastify(fastifyOptions(config, fastifyLoggingOptions(logger)));
    await app.register(fp(serviceApp), { config, telemetry });
    const afterClose = async (): Promise<void> => {
      await telemetry.shutdown();
      logger.flush();
    };
    return { app, host: config.host, port: config.port, shutdown: config.shutdown, afterClose };
  },
});
