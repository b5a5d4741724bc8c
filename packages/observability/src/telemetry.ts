import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { createMetrics } from './metrics.ts';
import { createTracing } from './tracing.ts';

/** What a service's env schema decides about its telemetry. */
export interface TelemetryConfig {
  /** `ethixai-backend` / `ethixai-ai-core`: the `service` label, `service.name` and log field. */
  service: string;
  version: string;
  metrics: boolean;
  tracing: boolean;
  /** OTLP/HTTP (JSON) endpoint: a collector base URL (`http://jaeger:4318`) or the full `/v1/traces` URL. */
  otlpEndpoint?: string;
  /** Share of new (root) traces sampled, 0-1; a caller's sampled flag always wins (parent-based). */
  sampleRatio: number;
}

export type Telemetry = ReturnType<typeof createTelemetry>;

/**
 * The telemetry of one service process, built once by its composition root (server.ts; tests
 * build their own) and handed to its app: prom-client metrics and OpenTelemetry tracing. A span
 * batch the SDK cannot export counts in `ethixai_telemetry_export_failures_total`; the requests
 * it describes are never affected. `exporter` replaces OTLP (tests: InMemorySpanExporter).
 */
export function createTelemetry(config: TelemetryConfig, testing: { exporter?: SpanExporter } = {}) {
  const metrics = config.metrics ? createMetrics({ service: config.service }) : undefined;
  const tracing = config.tracing
    ? createTracing({
        ...config,
        exporter: testing.exporter,
        onError: () => metrics?.instruments.telemetryExportFailures.inc(),
      })
    : undefined;
  // Each is undefined when turned off; shutdown never throws.
  return { metrics, tracing, shutdown: async (): Promise<void> => tracing?.shutdown() };
}
