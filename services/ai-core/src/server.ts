/**
 * The ai-core process: read the configuration, build telemetry and the app, listen (port 8100 by
 * default), and close gracefully on SIGTERM/SIGINT: /ready turns 503 first (and stays so for
 * AI_CORE_SHUTDOWN_DRAIN_MS), in-flight analyses finish, pending spans are flushed, then the
 * process exits 0 (or 1 if all that outlasts AI_CORE_SHUTDOWN_TIMEOUT_MS).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { createLogger, fastifyLoggingOptions } from '@ethixai/observability';
import serviceApp from './app.ts';
import { ConfigError, loadConfig, type AiCoreConfig } from './config/env.ts';
import { createTelemetry } from './plugins/telemetry.ts';

function configOrExit(): AiCoreConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`ai-core: configuration error: ${err.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const logger = createLogger({ service: config.telemetry.serviceName, level: config.telemetry.logLevel });
const telemetry = createTelemetry(config.telemetry);
const app = Fastify({
  ...fastifyLoggingOptions(logger),
  // Large CSV uploads stream for a while; idle sockets still time out.
  requestTimeout: 300_000,
  keepAliveTimeout: 72_000,
  forceCloseConnections: 'idle',
});
await app.register(fp(serviceApp), { config, telemetry });

closeWithGrace({ delay: config.shutdown.timeoutMs, logger: app.log }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  telemetry.health.markShuttingDown();
  if (config.shutdown.drainDelayMs > 0) await sleep(config.shutdown.drainDelayMs);
  await app.close();
  await telemetry.tracing?.shutdown();
});

await app.listen({ host: config.host, port: config.port });
