import { InMemorySpanExporter, createTelemetry, type TelemetryConfig } from '@ethixai/observability';

export type InMemoryTelemetry = ReturnType<typeof createInMemoryTelemetry>;

/**
 * `createTelemetry` with tracing on (ratio 1 unless given) and metrics off unless asked for, its
 * spans recorded by the SDK's InMemorySpanExporter as they end; call `telemetry.shutdown()` after.
 */
export function createInMemoryTelemetry(config: Partial<TelemetryConfig> = {}) {
  const exporter = new InMemorySpanExporter();
  const telemetry = createTelemetry(
    { service: 'test-service', version: '0.0.0-test', metrics: false, tracing: true, sampleRatio: 1, ...config },
    { exporter },
  );
  return { telemetry, spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}
