import type { TelemetryConfig } from '@ethixai/observability';
import type { AiCoreConfig } from './config/env.ts';

export const SERVICE_VERSION = '0.1.0';

/** What the validated configuration says about telemetry, in @ethixai/observability's terms. */
export function telemetryConfig(config: AiCoreConfig): TelemetryConfig {
  const { telemetry } = config;
  return {
    service: telemetry.serviceName,
    version: SERVICE_VERSION,
    metrics: telemetry.metricsEnabled,
    tracing: telemetry.tracingEnabled,
    otlpEndpoint: telemetry.otlpEndpoint,
    sampleRatio: telemetry.sampleRatio,
  };
}
