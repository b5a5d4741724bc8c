import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../config/config-error.ts';
import type {} from '../health/health-plugin.ts'; // its `markShuttingDown` decorator
import { releaseStartupGarbage } from '../runtime/startup-gc.ts';
import { warmUpSchemas } from '../http/lazy-schema-compile.ts';

/** Route schemas not needed yet are compiled this long after the service starts serving. */
const SCHEMA_WARM_UP_DELAY_MS = 5_000;

export interface ShutdownOptions {
  /** How long /ready answers 503 before the listener closes, so load balancers notice (default 0). */
  readonly drainDelayMs?: number;
  /** Deadline for in-flight requests once the listener closes; then the process exits 1 (default 10 s). */
  readonly timeoutMs?: number;
}

export interface BuiltService {
  /** The service's app, registered and ready to listen. */
  readonly app: FastifyInstance;
  readonly host: string;
  readonly port: number;
  readonly shutdown?: ShutdownOptions;
  /** Runs after the app has closed: flush and stop telemetry. */
  readonly afterClose?: () => Promise<void> | void;
}

export interface ServiceProcess {
  /** Starts the one line printed for a configuration error (`ethixai-backend`). */
  readonly name: string;
  /** Reads the configuration and builds the app; a ConfigError from here ends the process with 78. */
  build(): Promise<BuiltService>;
}

/** EX_CONFIG from sysexits.h: supervisors and operators can tell "fix the config" from a crash. */
export const EXIT_CONFIG = 78;

/**
 * The whole life of a service process, for its server.ts: build, listen, and on SIGTERM or SIGINT
 * (or an uncaught error) close gracefully: /ready turns 503 at once, the drain delay passes, the
 * listener closes while in-flight requests finish, then `afterClose` flushes telemetry and the
 * process exits 0 (1 after an uncaught error, or when closing outlasts drain delay + timeout).
 * A ConfigError while building prints `<name>: <message>` and exits 78, without a stack trace.
 * Between build and listen, start-up's garbage is released (startup-gc.ts).
 */
export async function runService(service: ServiceProcess): Promise<void> {
  let built: BuiltService;
  try {
    built = await service.build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service.name}: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  const { app, shutdown = {} } = built;
  const drainDelayMs = shutdown.drainDelayMs ?? 0;
  closeWithGrace({ delay: drainDelayMs + (shutdown.timeoutMs ?? 10_000), logger: app.log }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error');
    else app.log.info({ signal }, 'closing');
    if (app.hasDecorator('markShuttingDown')) app.markShuttingDown();
    if (drainDelayMs > 0) await sleep(drainDelayMs);
    await app.close();
    await built.afterClose?.();
  });
  releaseStartupGarbage();
  await app.listen({ host: built.host, port: built.port });
  void warmUpSchemas(SCHEMA_WARM_UP_DELAY_MS, (err) => app.log.error({ err }, 'a route schema does not compile'));
}
