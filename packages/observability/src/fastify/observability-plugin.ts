import { isSpanContextValid, trace, type SpanContext } from '@opentelemetry/api';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { observeWithExemplar, type Metrics } from '../metrics.ts';
import * as n from '../names.ts';
import type { Tracing } from '../tracing.ts';

export interface ObservabilityPluginOptions {
  metrics?: Metrics;
  /** Omitted: no spans; request ids, metrics and the completion line still work. */
  tracing?: Tracing;
  /**
   * Runs before GET /metrics is served: throws (the service's own 401) unless the caller presents
   * the scrape credential. Every organisation's model ids and disparities are in a scrape.
   */
  metricsGuard?: onRequestAsyncHookHandler;
}

interface ObservedRequest {
  method: string;
  route: string;
  started: number;
  span: SpanContext | undefined;
  error: Error | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    observed: ObservedRequest | null;
  }
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);
/** Status recorded for a request the client abandoned before it was answered (nginx's convention). */
const STATUS_CLIENT_CLOSED = 499;

/**
 * Observability for a service, in the order that matters: @fastify/otel first (it opens the
 * request span and makes it active), then the hooks that read that span: RED metrics with
 * exemplars, `x-request-id` / `x-trace-id` response headers and one completion log line per
 * request (at info level; pair with `fastifyLoggingOptions`). Serves GET /metrics when given
 * metrics. Register it before any route. /metrics and the health routes get none of it: scrapes
 * and probes are machine traffic that would dilute a quiet service's SLOs.
 */
async function observabilityPlugin(app: FastifyInstance, options: ObservabilityPluginOptions): Promise<void> {
  const { metrics, tracing, metricsGuard } = options;
  const ignored = new Set(n.IGNORED_ROUTES);
  if (tracing !== undefined) await app.register(tracing.fastifyOtel.plugin());
  app.decorateRequest('observed', null);

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header(n.HEADER_REQUEST_ID, request.id);
    const route = request.routeOptions.url ?? n.ROUTE_UNMATCHED;
    if (ignored.has(route)) return done();
    const span = trace.getActiveSpan()?.spanContext();
    if (span !== undefined && isSpanContextValid(span)) reply.header(n.HEADER_TRACE_ID, span.traceId);
    const method = KNOWN_METHODS.has(request.method) ? request.method : n.METHOD_OTHER;
    request.observed = { method, route, started: performance.now(), span, error: undefined };
    metrics?.instruments.httpRequestsInProgress.inc({ method, route });
    done();
  });
  app.addHook('onError', (request: FastifyRequest, _reply: FastifyReply, error: FastifyError, done: () => void) => {
    if (request.observed !== null) request.observed.error = error;
    done();
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    finish(request, reply.statusCode);
    done();
  });
  // A client that hangs up before the answer gets no onResponse: without this the in-progress
  // gauge would leak and the request would vanish from the counters and the log.
  app.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => {
    finish(request, STATUS_CLIENT_CLOSED);
    done();
  });

  function finish(request: FastifyRequest, status: number): void {
    const observed = request.observed;
    if (observed === null) return;
    request.observed = null;
    const { method, route, span } = observed;
    const seconds = (performance.now() - observed.started) / 1000;
    if (metrics !== undefined) {
      const labels = { method, route, status: String(status) };
      metrics.instruments.httpRequestsInProgress.dec({ method, route });
      metrics.instruments.httpRequests.inc(labels);
      observeWithExemplar(metrics.instruments.httpRequestDuration, labels, seconds, span);
    }
    // The ids of the request's own span (the active one here may be another, or none).
    const valid = span !== undefined && isSpanContextValid(span);
    const line = {
      [n.LOG_METHOD]: method,
      [n.LOG_ROUTE]: route,
      [n.LOG_STATUS]: status,
      [n.LOG_DURATION_MS]: Math.round(seconds * 1e6) / 1000,
      [n.LOG_TRACE_ID]: valid ? span.traceId : undefined,
      [n.LOG_SPAN_ID]: valid ? span.spanId : undefined,
    };
    if (status >= 500) request.log.error({ ...line, [n.LOG_ERR]: observed.error }, n.LOG_MSG_REQUEST_COMPLETED);
    else request.log.info(line, n.LOG_MSG_REQUEST_COMPLETED);
  }

  if (metrics !== undefined) {
    app.get(
      n.ROUTE_METRICS,
      { logLevel: 'warn', schema: { hide: true }, onRequest: metricsGuard },
      async (request, reply) => {
        const { contentType, body } = await metrics.exposition(request.headers.accept);
        return reply.type(contentType).send(body);
      },
    );
  }
}

export default fp(observabilityPlugin, { fastify: '5.x', name: '@ethixai/observability' });
