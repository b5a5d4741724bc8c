// @ethixai/observability: metrics (prom-client), tracing (OpenTelemetry), logs (pino), health,
// as Fastify plugins. No side effects on import and no environment reads: services pass options.
export * from './names.ts';
export { BoundedLabel } from './bounded-label.ts';
export type { BusinessMetrics } from './business-metrics.ts';
export { obsErrorBody, OBS_ERRORS, type ObsErrorBody, type ObsErrorCode } from './errors.ts';
export { activeExemplar, exemplarFromSpan, type ExemplarLabels } from './exemplar.ts';
export { OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE, negotiateFormat, serialize, type ExpositionFormat } from './exposition.ts';
export { createLogger, createLoggerOptions, fastifyLoggingOptions, type LoggerConfig } from './logger.ts';
export { REDACTED, REDACTED_KEYS, redactSecrets } from './redact.ts';
export { createMetrics, type HttpMetrics, type Metrics, type MetricsOptions } from './metrics.ts';
export { genRequestId } from './request-id.ts';
export { describeQuery, isSampledTrace, scopeToTrace, tagQueryWithTrace, tracedDialect, type TracedDialectOptions } from './db-tracing.ts';
export type { Context as TraceContext } from '@opentelemetry/api';
export { SyncContextManager } from './context-manager.ts';
export { SpanKind, failSpan, injectTraceHeaders, withSpan, type SpanOptions } from './spans.ts';
export { createTracing, reportExportFailures, tracesUrl, type DebugLogger, type Tracing, type TracingOptions } from './tracing.ts';
export { default as observabilityPlugin, type ObservabilityPluginOptions } from './fastify/observability-plugin.ts';
export { default as metricsPlugin, type MetricsPluginOptions } from './fastify/metrics-plugin.ts';
export { default as tracingPlugin, sampledTraceOf, traceContextOf, type TracingPluginOptions } from './fastify/tracing-plugin.ts';
export { default as requestLogPlugin, type RequestLogPluginOptions } from './fastify/request-log-plugin.ts';
export type { RequestObservability } from './fastify/request-state.ts';
