import { createLogger, SERVICE_BACKEND, type TelemetryConfig } from '@ethixai/observability';
import type { EnvConfig } from './config/env.ts';

export const SERVICE_NAME = SERVICE_BACKEND;
export const SERVICE_VERSION = '0.1.0';

/** What the validated configuration says about telemetry, in @ethixai/observability's terms. */
export function telemetryConfig(config: EnvConfig): TelemetryConfig {
  return {
    service: SERVICE_NAME,
    version: SERVICE_VERSION,
    metrics: config.ETHIXAI_METRICS,
    tracing: config.ETHIXAI_TRACING,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    sampleRatio: config.OTEL_TRACES_SAMPLER_RATIO,
  };
}

export function createBackendLogger(config: EnvConfig): ReturnType<typeof createLogger> {
  return createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
}
