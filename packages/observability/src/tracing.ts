import { type Attributes, type Context, type Span, type TextMapPropagator, type Tracer, INVALID_SPAN_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { SyncContextManager } from './context-manager.ts';
import { GuardedExporter, type ExportFailureHandler } from './guarded-exporter.ts';
import type { Metrics } from './metrics.ts';
import { noopTracer } from './noop-tracer.ts';
import { DecidedRatioSampler } from './sampler.ts';
import { TRACER_SCOPE } from './names.ts';
import { traceIds } from './trace-ids.ts';
import { injectWith, runInSpan, type SpanOptions } from './spans.ts';

export interface TracingOptions {
  serviceName: string;
  serviceVersion: string;
  /** false: no provider, no export; the caller's trace id still reaches the response header and completion log line. */
  enabled: boolean;
  /** OTLP/HTTP (JSON) endpoint: a collector base URL (`http://jaeger:4318`) or the full `/v1/traces` URL. */
  otlpEndpoint?: string;
  /** Share of new (root) traces sampled, 0-1; a caller's sampled flag always wins (parent-based). */
  sampleRatio: number;
  /** Replaces the OTLP exporter (tests: InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** `batch` (default) for services; `simple` exports each span as it ends (tests). */
  processor?: 'batch' | 'simple';
  /** Install the tracer and W3C propagator as the process globals (default true) so module-level `withSpan` works. */
  registerGlobal?: boolean;
  /** Called once per failed export batch; must not throw (wire it to the failures counter). */
  onExportFailure?: ExportFailureHandler;
  exportTimeoutMillis?: number;
}

export interface Tracing {
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly tracer: Tracer;
  readonly propagator: TextMapPropagator;
  /**
   * Draws the sampling decision for a new trace (no caller context) before anything is created:
   * true → start the span in `SAMPLED_ROOT_CONTEXT`; false → the request gets ids only. Always
   * false when disabled.
   */
  sampleRoot(): boolean;
  withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T, options?: SpanOptions): T;
  /** Adds `traceparent` for the active (or given) context to outgoing HTTP headers. */
  injectTraceHeaders(headers?: Record<string, string>, ctx?: Context): Record<string, string>;
  forceFlush(): Promise<void>;
  /** Flushes pending spans and releases the globals this instance registered. Never throws. */
  shutdown(): Promise<void>;
}

export function createTracing(options: TracingOptions): Tracing {
  if (!(options.sampleRatio >= 0 && options.sampleRatio <= 1)) {
    throw new RangeError(`sampleRatio must be between 0 and 1, got ${options.sampleRatio}`);
  }
  if (options.enabled) ensureContextManager();
  const propagator = new W3CTraceContextPropagator();
  const provider = options.enabled ? createProvider(options) : undefined;
  const tracer = provider?.getTracer(TRACER_SCOPE, options.serviceVersion) ?? noopTracer;
  const registered = options.registerGlobal === false ? NOT_REGISTERED : registerGlobals(provider, propagator);

  return {
    enabled: provider !== undefined,
    serviceName: options.serviceName,
    tracer,
    propagator,
    sampleRoot: provider === undefined ? () => false : () => Math.random() < options.sampleRatio,
    // Disabled: run `fn` directly, without entering a context (see tracing-plugin.ts for the cost).
    withSpan: provider === undefined
      ? (_name, _attributes, fn) => fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT))
      : (name, attributes, fn, spanOptions) => runInSpan(tracer, name, attributes, fn, spanOptions),
    injectTraceHeaders: (headers = {}, ctx) => injectWith(propagator, headers, ctx),
    forceFlush: async () => {
      await provider?.forceFlush().catch(() => undefined);
    },
    shutdown: async () => {
      await provider?.shutdown().catch(() => undefined);
      if (registered.provider) trace.disable();
      if (registered.propagator) propagation.disable();
    },
  };
}

function createProvider(options: TracingOptions): BasicTracerProvider {
  const inner = options.exporter ?? new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint), timeoutMillis: options.exportTimeoutMillis ?? 10_000 });
  const exporter = new GuardedExporter(inner, options.onExportFailure);
  const processor = options.processor === 'simple' ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter);
  return new BasicTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, [ATTR_SERVICE_VERSION]: options.serviceVersion }),
    ),
    sampler: new ParentBasedSampler({ root: new DecidedRatioSampler(options.sampleRatio) }),
    idGenerator: traceIds,
    spanProcessors: [processor],
  });
}

/** The usual failure handler: count the failed batch and leave a debug line (never louder: a collector outage must not flood the logs). */
export function reportExportFailures(metrics?: Pick<Metrics, 'telemetryExportFailures'>, logger?: DebugLogger): ExportFailureHandler {
  return (error, spanCount) => {
    metrics?.telemetryExportFailures.inc();
    logger?.debug({ spans: spanCount, err: error?.message }, 'telemetry export failed');
  };
}

export interface DebugLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
}

export function tracesUrl(endpoint: string | undefined): string {
  const base = (endpoint ?? 'http://127.0.0.1:4318').replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

// One per process, shared by every Tracing instance. Synchronous only (see context-manager.ts):
// async continuations get their trace context explicitly, never from async hooks.
function ensureContextManager(): void {
  context.setGlobalContextManager(new SyncContextManager());
}

interface Registered {
  provider: boolean;
  propagator: boolean;
}
const NOT_REGISTERED: Registered = { provider: false, propagator: false };

// The API refuses a second registration (returns false); an instance only undoes what it set.
function registerGlobals(provider: BasicTracerProvider | undefined, propagator: TextMapPropagator): Registered {
  return {
    propagator: propagation.setGlobalPropagator(propagator),
    provider: provider !== undefined && trace.setGlobalTracerProvider(provider),
  };
}
