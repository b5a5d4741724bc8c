/**
 * /health (liveness: the process answers, nothing else is checked), /ready (readiness: can this
 * process serve its own traffic; 503 from the moment shutdown starts) and /health/dependencies
 * (each dependency's state, latency and last error; never part of readiness, DESIGN §6).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ROUTE_HEALTH, ROUTE_HEALTH_DEPENDENCIES, ROUTE_READY, type CircuitState } from '@ethixai/observability/names';
import { errorBody } from '../errors/error-body.ts';
import { healthError } from './health-errors.ts';
import { createHealthState, withTimeout, type HealthState } from './health-state.ts';

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
  /** Told the outcome of every probe (the services set `ethixai_dependency_up` and the circuit gauge from it). */
  onDependencyState?: (name: string, up: boolean, circuit: CircuitState | undefined) => void;
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
  // Once shutdown starts, every answer (in-flight ones too) closes its connection: keep-alive
  // clients move to another replica, and no idle socket holds close() open until its timeout.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (state.shuttingDown && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
    done(null, payload);
  });

  app.get(ROUTE_HEALTH, { logLevel: 'warn', schema: { hide: true } }, async () => ({
    status: 'ok',
    service: options.service,
  }));

  app.get(ROUTE_READY, { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    if (state.shuttingDown) return unavailable(reply, 'OBS_ERR_SHUTTING_DOWN', 'shutting_down');
    try {
      const ready =
        options.readiness === undefined ? true : await withTimeout(options.readiness, timeoutMs, 'readiness check');
      if (ready === false) return unavailable(reply, 'OBS_ERR_NOT_READY', 'not_ready');
    } catch (error) {
      return unavailable(reply, 'OBS_ERR_NOT_READY', 'not_ready', `readiness check failed: ${messageOf(error)}`);
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
    options.onDependencyState?.(name, report.up, report.circuit);
  }
}

/** The platform's error body plus `status`, the word load balancers and people read. */
function unavailable(
  reply: FastifyReply,
  code: 'OBS_ERR_NOT_READY' | 'OBS_ERR_SHUTTING_DOWN',
  status: string,
  message?: string,
): FastifyReply {
  const error = healthError(code, message);
  return reply.code(error.statusCode).send({ ...errorBody(error.statusCode, error.code, error.message), status });
}

function normalise(result: DependencyReport | boolean | void): DependencyReport {
  if (result === undefined || result === true) return { up: true };
  if (result === false) return { up: false };
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default fp(healthPlugin, { fastify: '5.x', name: '@ethixai/service-kit/health' });
