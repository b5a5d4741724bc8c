import { FastifyOtelInstrumentation } from '@fastify/otel';
import { ProxyTracerProvider, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator, loggingErrorHandler, setGlobalErrorHandler } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { FastifyRequest } from 'fastify';
import { ATTR_REQUEST_ID, ATTR_URL_PATH, IGNORED_ROUTES } from './names.ts';
import type { TelemetryConfig } from './telemetry.ts';

export interface TracingOptions extends Pick<TelemetryConfig, 'service' | 'version' | 'otlpEndpoint' | 'sampleRatio'> {
  /** Replaces OTLP and batching: each span goes to it as it ends (tests: the SDK's InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** Called for every error the SDK reports (in practice: a batch that could not be exported); must not throw. */
  onError?: (error: unknown) => void;
}

export type Tracing = ReturnType<typeof createTracing>;

/**
 * OpenTelemetry as the SDK ships it: AsyncLocalStorage context, W3C traceparent,
 * ParentBased(TraceIdRatioBased), BatchSpanProcessor → OTLP/HTTP. Spans come from @fastify/otel
 * (server; no spans for hooks, so the metrics and logging hooks cost no spans), undici (the
 * backend's calls to ai-core, `traceparent` injected) and pg (queries of a traced request); SQLite
 * queries are spanned through Kysely's `log` option (`kyselyQueryTelemetry`). Domain code reads the
 * active context through `@opentelemetry/api`. The provider is registered globally (last one wins).
 * /metrics and the health routes get no spans.
 */
export function createTracing(options: TracingOptions) {
  if (!(options.sampleRatio >= 0 && options.sampleRatio <= 1)) {
    throw new RangeError(`sampleRatio must be between 0 and 1, got ${options.sampleRatio}`);
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager)) contextManager.disable(); // one per process
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const { exporter } = options;
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service, [ATTR_SERVICE_VERSION]: options.version }),
    ),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [
      exporter !== undefined
        ? new SimpleSpanProcessor({ exporter })
        : new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) }) }),
    ],
  });
  if (!trace.setGlobalTracerProvider(provider)) {
    trace.disable();
    trace.setGlobalTracerProvider(provider);
  }
  // Failed exports reach the SDK's global error handler (scheduled batches) or reject a flush.
  const onError = options.onError ?? loggingErrorHandler();
  setGlobalErrorHandler(onError);

  const ignored = new Set(IGNORED_ROUTES);
  const fastifyOtel = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    ignorePaths: ({ url }) => ignored.has(pathOf(url)),
    requestHook: nameServerSpan,
  });
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      fastifyOtel,
      // Only calls made for a traced request or job: a probe outside any trace starts none.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  return {
    provider,
    fastifyOtel,
    forceFlush: (): Promise<void> => provider.forceFlush().catch(onError),
    /** Never throws. */
    async shutdown(): Promise<void> {
      unregister();
      await provider.shutdown().catch(onError);
      if ((trace.getTracerProvider() as ProxyTracerProvider).getDelegate() === provider) trace.disable();
    },
  };
}

/** Server spans are named by route template (`POST /v1/reports/:id`) and carry the request id. */
function nameServerSpan(span: import('@opentelemetry/api').Span, request: FastifyRequest): void {
  const route = request.routeOptions.url;
  span.updateName(route === undefined ? request.method : `${request.method} ${route}`);
  span.setAttribute(ATTR_URL_PATH, pathOf(request.url)); // never the query string
  span.setAttribute(ATTR_REQUEST_ID, request.id);
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function tracesUrl(endpoint: string | undefined): string {
  const base = (endpoint ?? 'http://127.0.0.1:4318').replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}
