import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.ts';
import { createTracing, type Tracing } from '../tracing.ts';
import metricsPlugin from './metrics-plugin.ts';
import requestLogPlugin from './request-log-plugin.ts';
import tracingPlugin from './tracing-plugin.ts';

export interface ObservabilityPluginOptions {
  metrics?: Metrics;
  /** Omitted: spans are off, but request ids and incoming trace context still flow. */
  tracing?: Tracing;
  /** One completion line per request (default true); pair with `fastifyLoggingOptions`. */
  requestLog?: boolean;
  /** Route templates kept out of metrics, traces and request logs (default: /metrics and the health routes). */
  ignoreRoutes?: readonly string[];
}

/**
 * Everything a service needs in one registration, in the order that matters: tracing first
 * (its span is what metrics exemplars and log lines read), then metrics and the request log.
 * Register it before any route so every route is covered.
 */
async function observabilityPlugin(app: FastifyInstance, options: ObservabilityPluginOptions): Promise<void> {
  const { ignoreRoutes } = options;
  // Without tracing the plugin still runs on a disabled instance: x-request-id is still returned,
  // and a caller's traceparent still reaches logs and downstream calls.
  const tracing = options.tracing ?? createTracing({ serviceName: 'untraced', serviceVersion: '0', enabled: false, sampleRatio: 0, registerGlobal: false });
  await app.register(tracingPlugin, { tracing, ignoreRoutes });
  if (options.metrics !== undefined) await app.register(metricsPlugin, { metrics: options.metrics, ignoreRoutes });
  if (options.requestLog !== false) await app.register(requestLogPlugin, { ignoreRoutes });
}

export default fp(observabilityPlugin, { fastify: '5.x', name: '@ethixai/observability' });
