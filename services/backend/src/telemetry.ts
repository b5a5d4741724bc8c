import {
  createLogger,
  createMetrics,
  createTracing,
  type Metrics,
  type Tracing,
} from '@ethixai/observability';
import { createHealthState, type HealthState } from '@ethixai/service-kit';
import type { EnvConfig } from './config/env.ts';

export const SERVICE_NAME = 'ethixai-backend';
export const SERVICE_VERSION = '0.1.0';

/**
 * The backend's telemetry, built once by the composition root (server.ts; tests build their own)
 * and handed to app.ts: Prometheus metrics, OpenTelemetry tracing, the health state behind /ready.
 */
export interface BackendTelemetry {
  readonly metrics?: Metrics;
  readonly tracing?: Tracing;
  readonly health: HealthState;
}

export function createTelemetry(config: EnvConfig): BackendTelemetry {
  const metrics = config.ETHIXAI_METRICS
    ? createMetrics({ service: SERVICE_NAME, maxModelLabels: config.METRICS_MAX_MODEL_LABELS })
    : undefined;
  const tracing = config.ETHIXAI_TRACING
    ? createTracing({
        serviceName: SERVICE_NAME,
        serviceVersion: SERVICE_VERSION,
        enabled: true,
        otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        sampleRatio: config.OTEL_TRACES_SAMPLER_RATIO,
        onExportFailure: () => metrics?.telemetryExportFailures.inc(),
      })
    : undefined;
  return { metrics, tracing, health: createHealthState() };
}

export function createBackendLogger(config: EnvConfig): ReturnType<typeof createLogger> {
  return createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
}
