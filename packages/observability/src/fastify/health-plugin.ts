import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { obsErrorBody } from '../errors.ts';
import { createHealthState, withTimeout, type HealthState } from '../health-state.ts';
import type { Metrics } from '../metrics.ts';
import { ROUTE_HEALTH, ROUTE_HEALTH_DEPENDENCIES, ROUTE_READY, type CircuitState } from '../names.ts';

export interface DependencyReport {
  up: boolean;
  detail?: string;
  circuit?: CircuitState;
}
/** Resolves a report (or true/undefined for "up", false for "down"); a throw means down, with its message. */
export type DependencyProbe = () => Promise<DependencyReport | boolean | void> | DependencyReport | boolean | void;

export interface HealthPluginOptions {
  service: string;
  /** Can this process serve its own traffic (backend: database reachable)? false or a throw → 503. */
  readiness?: () => Promise<boolean | void> | boolean | void;
  /** Dependencies reported by /health/dependencies (never by /ready: an ai-core outage must not pull the backend). */
  dependencies?: Record<string, DependencyProbe>;
  probeTimeoutMs?: number;
  state?: HealthState;
  /** When given, each probe also sets `ethixai_dependency_up` (and the circuit gauge). */
  metrics?: Metrics;
}

interface DependencyStatus {
  status: 'up' | 'down';
  latency_ms: number;
  last_checked: string;
  last_success: string | null;
  last_error: string | null;
  circuit?: CircuitState;
  detail?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Flip /ready to 503 (start of graceful shutdown); also done automatically on close. */
    markShuttingDown(): void;
  }
}

async function healthPlugin(app: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  const state = options.state ?? createHealthState();
  const timeoutMs = options.probeTimeoutMs ?? 1000;
  const known = new Map<string, DependencyStatus>();
  app.decorate('markShuttingDown', () => state.markShuttingDown());
  app.addHook('preClose', async () => state.markShuttingDown());

  app.get(ROUTE_HEALTH, { logLevel: 'warn', schema: { hide: true } }, async () => ({ status: 'ok', service: options.service }));

  app.get(ROUTE_READY, { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    if (state.shuttingDown) return reply.code(503).send({ ...obsErrorBody('OBS_ERR_SHUTTING_DOWN'), status: 'shutting_down' });
    try {
      const ready = options.readiness === undefined ? true : await withTimeout(options.readiness, timeoutMs, 'readiness check');
      if (ready === false) return reply.code(503).send({ ...obsErrorBody('OBS_ERR_NOT_READY'), status: 'not_ready' });
    } catch (error) {
      return reply.code(503).send({ ...obsErrorBody('OBS_ERR_NOT_READY', `readiness check failed: ${messageOf(error)}`), status: 'not_ready' });
    }
    return { status: 'ready' };
  });

  app.get(ROUTE_HEALTH_DEPENDENCIES, { logLevel: 'warn', schema: { hide: true } }, async () => {
    const entries = Object.entries(options.dependencies ?? {});
    await Promise.all(entries.map(([name, probe]) => check(name, probe)));
    const dependencies = Object.fromEntries(entries.map(([name]) => [name, known.get(name)]));
    const degraded = entries.some(([name]) => known.get(name)?.status === 'down');
    return { status: degraded ? 'degraded' : 'ok', service: options.service, dependencies };
  });

  async function check(name: string, probe: DependencyProbe): Promise<void> {
    const previous = known.get(name);
    const started = performance.now();
    const now = new Date().toISOString();
    let report: DependencyReport;
    let error: string | null = null;
    try {
      report = normalise(await withTimeout(probe, timeoutMs, `probe ${name}`));
      if (!report.up) error = report.detail ?? 'reported down';
    } catch (err) {
      error = messageOf(err);
      report = { up: false };
    }
    known.set(name, {
      status: report.up ? 'up' : 'down',
      latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
      last_checked: now,
      last_success: report.up ? now : (previous?.last_success ?? null),
      last_error: error ?? previous?.last_error ?? null,
      ...(report.circuit !== undefined ? { circuit: report.circuit } : {}),
      ...(report.detail !== undefined ? { detail: report.detail } : {}),
    });
    options.metrics?.business.setDependencyState(name, report.up, report.circuit);
  }
}

function normalise(result: DependencyReport | boolean | void): DependencyReport {
  if (result === undefined || result === true) return { up: true };
  if (result === false) return { up: false };
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default fp(healthPlugin, { fastify: '5.x', name: '@ethixai/observability/health' });
