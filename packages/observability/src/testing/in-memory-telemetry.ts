import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { createTelemetry, type Telemetry, type TelemetryConfig } from '../telemetry.ts';

export interface InMemoryTelemetry {
  /** Tracing on (sample ratio 1 unless given), metrics off unless asked for. */
  telemetry: Telemetry;
  /** Finished spans so far (the SDK's InMemorySpanExporter; each span is exported as it ends). */
  spans(): ReadableSpan[];
  reset(): void;
}

/** `createTelemetry` exporting to memory; call `telemetry.shutdown()` after the test. */
export function createInMemoryTelemetry(config: Partial<TelemetryConfig> = {}): InMemoryTelemetry {
  const exporter = new InMemorySpanExporter();
  const telemetry = createTelemetry({ service: 'test-service', version: '0.0.0-test', metrics: false, tracing: true, sampleRatio: 1, ...config }, { exporter });
  return { telemetry, spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}
