import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createTracing, type Tracing, type TracingOptions } from '../tracing.ts';

export interface InMemoryTracing {
  tracing: Tracing;
  exporter: InMemorySpanExporter;
  /** Finished spans so far (each exported as it ends). */
  spans(): ReadableSpan[];
  reset(): void;
}

/** Tracing that records every finished span in memory; shut it down after the test. */
export function createInMemoryTracing(options: Partial<TracingOptions> = {}): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({
    serviceName: 'test-service',
    serviceVersion: '0.0.0-test',
    enabled: true,
    sampleRatio: 1,
    ...options,
    exporter,
    processor: 'simple',
  });
  return { tracing, exporter, spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}
