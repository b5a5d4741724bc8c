import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { createMetrics, type Metrics } from './metrics.ts';
import { createTracing, type Tracing } from './tracing.ts';

/** What a service's env schema decides about its telemetry. */
export interface TelemetryConfig {
  /** `ethixai-backend` / `ethixai-ai-core`: the `service` label, `service.name` and log field. */
  service: string;
  version: string;
  metrics: boolean;
  /** Distinct `model` label values (backend business metrics); 0 for a service that has none. */
  maxModelLabels?: number;
  tracing: boolean;
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended). */
  otlpEndpoint?: string;
  /** Parent-based ratio sampling of new traces (0-1). */
  sampleRatio: number;
}

export interface Telemetry {
  /** Undefined when metrics are off. */
  readonly metrics?: Metrics;
  /** Undefined when tracing is off. */
  readonly tracing?: Tracing;
  /** Flushes pending spans and releases the global tracer provider. Never throws. */
  shutdown(): Promise<void>;
}

/**
 * The telemetry of one service process, built once by its composition root (server.ts; tests
 * build their own) and handed to its app: prom-client metrics and OpenTelemetry tracing. A span
 * batch the SDK cannot export counts in `ethixai_telemetry_export_failures_total`; the requests
 * it describes are never affected. `exporter` replaces OTLP (tests: InMemorySpanExporter).
 */
export function createTelemetry(config: TelemetryConfig, testing: { exporter?: SpanExporter } = {}): Telemetry {
  const metrics = config.metrics ? createMetrics({ service: config.service, maxModelLabels: config.maxModelLabels ?? 0 }) : undefined;
  const tracing = config.tracing
    ? createTracing({
      serviceName: config.service,
      serviceVersion: config.version,
      otlpEndpoint: config.otlpEndpoint,
      sampleRatio: config.sampleRatio,
      exporter: testing.exporter,
      processor: testing.exporter === undefined ? 'batch' : 'simple',
      onError: () => metrics?.telemetryExportFailures.inc(),
    })
    : undefined;
  return {
    metrics,
    tracing,
    shutdown: async () => tracing?.shutdown(),
  };
}
