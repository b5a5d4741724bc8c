// @ethixai/observability: metrics (prom-client), tracing (OpenTelemetry SDK), logs (pino), as one
// Fastify plugin. No side effects on import and no environment reads: services pass options.
export * from './names.ts';
export type { AnalysisMode, BusinessMetrics, FairnessVerdict, ModelMetricState } from './business-metrics.ts';
export {
  createLogger,
  fastifyLoggingOptions,
  genRequestId,
  REDACTED,
  REDACTED_KEYS,
  type LoggerConfig,
} from './logger.ts';
export {
  createMetrics,
  type DatabaseStats,
  type DbQueryDuration,
  type Metrics,
  type MetricsOptions,
} from './metrics.ts';
export {
  dbOperation,
  describeQuery,
  kyselyQuerySpans,
  kyselyQueryTelemetry,
  type QueryTelemetryOptions,
} from './query-spans.ts';
export { createTelemetry, type Telemetry, type TelemetryConfig } from './telemetry.ts';
export { createTracing, tracesUrl, type Tracing, type TracingOptions } from './tracing.ts';
export { default as observabilityPlugin, type ObservabilityPluginOptions } from './fastify/observability-plugin.ts';
