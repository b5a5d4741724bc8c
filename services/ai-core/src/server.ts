/**
 * The ai-core process: read the configuration, build the app, listen (port 8100 by default), and
 * close gracefully on SIGTERM/SIGINT: /ready turns 503 first, in-flight analyses finish, then the
 * process exits 0 (or 1 if they outlast AI_CORE_SHUTDOWN_TIMEOUT_MS).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import serviceApp from './app.ts';
import { ConfigError, loadConfig, type AiCoreConfig } from './config/env.ts';
import type { Readiness } from './routes/health.ts';

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
const app = Fastify({
  logger: { level: config.telemetry.logLevel, base: { service: config.telemetry.serviceName } },
  // Large CSV uploads stream for a while; idle sockets still time out.
  requestTimeout: 300_000,
  keepAliveTimeout: 72_000,
  forceCloseConnections: 'idle',
});
const readiness: Readiness = { shuttingDown: false };
await app.register(fp(serviceApp), { config, readiness });

closeWithGrace({ delay: config.shutdown.timeoutMs, logger: app.log }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  readiness.shuttingDown = true;
  if (config.shutdown.drainDelayMs > 0) await sleep(config.shutdown.drainDelayMs);
  await app.close();
});

await app.listen({ host: config.host, port: config.port });
