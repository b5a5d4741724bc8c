// @ethixai/observability: metrics (prom-client), tracing (OpenTelemetry SDK), logs (pino), as one
// Fastify plugin. No side effects on import and no environment reads: services pass options.
export * from './names.ts';
export * from './capped-label.ts';
export * from './logger.ts';
export * from './metrics.ts';
export * from './query-spans.ts';
export * from './telemetry.ts';
export * from './tracing.ts';
export { default as observabilityPlugin, type ObservabilityPluginOptions } from './fastify/observability-plugin.ts';
// The SDK's own in-memory exporter, for createTelemetry's `exporter` option (tests; see tracing.ts).
export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
