import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { httpError } from '../errors.ts';
import { OPS_ROUTES } from './ops-routes.ts';

/** Long enough for a 1 s sample to see the pressure gone, short enough not to idle a recovered replica. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 10;

const SAMPLE_INTERVAL_MS = 1_000;

function describe(type: string, value: number | undefined): string {
  if (type === underPressure.TYPE_EVENT_LOOP_DELAY) return `event loop delay ${Math.round(value ?? 0)} ms`;
  if (type === underPressure.TYPE_EVENT_LOOP_UTILIZATION) return `event loop utilisation ${(value ?? 0).toFixed(2)}`;
  if (type === underPressure.TYPE_HEAP_USED_BYTES) return `heap in use ${Math.round((value ?? 0) / 1_048_576)} MiB`;
  if (type === underPressure.TYPE_RSS_BYTES) return `resident set ${Math.round((value ?? 0) / 1_048_576)} MiB`;
  return type;
}

/**
 * Load shedding with @fastify/under-pressure: while the last 1 s sample is above a PRESSURE_*
 * limit, requests are refused with 503 BE_ERR_OVERLOADED and Retry-After, before authentication
 * or any database work. Probes and scrapes still answer, so an overloaded replica is neither
 * restarted by its liveness probe nor invisible to Prometheus.
 */
async function loadSheddingPlugin(fastify: FastifyInstance): Promise<void> {
  const cfg = fastify.config;
  await fastify.register(underPressure, {
    sampleInterval: SAMPLE_INTERVAL_MS,
    maxEventLoopDelay: cfg.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: cfg.PRESSURE_MAX_HEAP_USED_BYTES,
    maxRssBytes: cfg.PRESSURE_MAX_RSS_BYTES,
    maxEventLoopUtilization: cfg.PRESSURE_MAX_EVENT_LOOP_UTILIZATION,
    eventLoopUtilizationMode: 'interval',
    pressureHandler: (request: FastifyRequest, _reply, type, value) => {
      if (OPS_ROUTES.has(request.routeOptions.url ?? '')) return undefined;
      return Promise.reject(
        httpError(
          'BE_ERR_OVERLOADED',
          `Overloaded (${describe(type, value)}); retry in ${OVERLOADED_RETRY_AFTER_SECONDS}s`,
          {
            headers: { 'retry-after': String(OVERLOADED_RETRY_AFTER_SECONDS) },
          },
        ),
      );
    },
  });
}

export default fp(loadSheddingPlugin, { name: 'load-shedding', dependencies: ['config'] });
