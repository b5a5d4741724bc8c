import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, defaultTextMapGetter, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { pino } from 'pino';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_REQUEST_ID,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  DEFAULT_IGNORED_ROUTES,
  ERROR_TYPE_ABORTED,
  HEADER_REQUEST_ID,
  HEADER_TRACERESPONSE,
  HEADER_TRACE_ID,
  LOG_SPAN_ID,
  LOG_TRACE_ID,
  ROUTE_UNMATCHED,
} from '../names.ts';
import { SAMPLED_ROOT_CONTEXT } from '../sampler.ts';
import { failSpan } from '../spans.ts';
import { newSpanId, newTraceId } from '../trace-ids.ts';
import type { Tracing } from '../tracing.ts';
import { decorateRequestState, methodOf, routeOf, stateOf } from './request-state.ts';

export interface TracingPluginOptions {
  tracing: Tracing;
  /** Route templates that get no span (default: /metrics and the health routes). */
  ignoreRoutes?: readonly string[];
}

/**
 * One SERVER span per sampled request, created in hooks instead of the automatic http
 * instrumentation (which costs ~50 µs per request here). The sampling decision comes first, so
 * an unsampled request costs two ids and a header. The span continues the caller's
 * `traceparent` and is named `METHOD /route/template`. Its context is not made "active" across
 * the request's async work (that needs async hooks, see context-manager.ts): handlers pass
 * `traceContextOf(request)` to what they call, and a sampled request's logger is bound to the
 * trace and span ids. Register it before the routes it should cover.
 */
async function tracingPlugin(app: FastifyInstance, options: TracingPluginOptions): Promise<void> {
  const { tracer, propagator, enabled, sampleRoot } = options.tracing;
  const ignored = new Set(options.ignoreRoutes ?? DEFAULT_IGNORED_ROUTES);
  decorateRequestState(app);

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header(HEADER_REQUEST_ID, request.id);
    const route = routeOf(request);
    if (ignored.has(route)) return done();
    const hasCaller = request.headers.traceparent !== undefined;
    // Disabled and no caller context: nothing to record or pass on.
    if (!enabled && !hasCaller) return done();

    const parent = hasCaller ? propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter) : ROOT_CONTEXT;
    const caller = hasCaller ? trace.getSpanContext(parent) : undefined;
    const state = stateOf(request);
    state.parent = parent;
    if (!enabled) {
      // Pass the caller's context through unchanged: logs and downstream calls keep its ids.
      if (caller === undefined) return done();
      state.traceId = caller.traceId;
      state.spanId = caller.spanId;
      state.context = parent;
    } else if (caller === undefined ? sampleRoot() : (caller.traceFlags & TraceFlags.SAMPLED) !== 0) {
      startRecordedSpan(request, reply, route, caller === undefined ? SAMPLED_ROOT_CONTEXT : parent);
    } else {
      // Unsampled (parent-based: an unsampled caller's decision stands): ids only, no span
      // object; `traceContextOf` builds the non-recording context if the handler asks for it.
      state.traceId = caller?.traceId ?? newTraceId();
      state.spanId = newSpanId();
    }
    reply.header(HEADER_TRACE_ID, state.traceId);
    done();
  });

  // Sampled: a SERVER span with semconv attributes, the W3C `traceresponse` header, and the ids
  // bound to every line request.log writes (an unsampled request's completion line carries its
  // ids too, see request-log-plugin.ts).
  function startRecordedSpan(request: FastifyRequest, reply: FastifyReply, route: string, startIn: Context): void {
    const state = stateOf(request);
    const method = methodOf(request);
    const matched = route !== ROUTE_UNMATCHED;
    const queryAt = request.url.indexOf('?');
    const span = tracer.startSpan(matched ? `${method} ${route}` : method, {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_URL_PATH]: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
        [ATTR_URL_SCHEME]: request.protocol,
        [ATTR_SERVER_PORT]: request.socket?.localPort,
        [ATTR_HTTP_ROUTE]: matched ? route : undefined,
        [ATTR_REQUEST_ID]: request.id,
      },
    }, startIn);
    const { traceId, spanId } = span.spanContext();
    state.span = span;
    state.recording = true;
    state.traceId = traceId;
    state.spanId = spanId;
    reply.header(HEADER_TRACERESPONSE, `00-${traceId}-${spanId}-01`);
    bindTraceIds(request, traceId, spanId);
  }

  app.addHook('onError', (request: FastifyRequest, _reply: FastifyReply, error: FastifyError, done: () => void) => {
    if (request.observability !== null) request.observability.error = error;
    done();
  });

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const state = request.observability;
    const span = state?.span;
    if (state === null || span === undefined || state.spanEnded) return done();
    state.spanEnded = true;
    const status = reply.statusCode;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    // Server spans are errors only for 5xx (semconv); a 4xx is the client's mistake.
    if (status >= 500) {
      if (state.error !== undefined) failSpan(span, state.error);
      else {
        span.setAttribute(ATTR_ERROR_TYPE, String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
    done();
  });

  app.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => {
    const state = request.observability;
    const span = state?.span;
    if (state !== null && span !== undefined && !state.spanEnded) {
      state.spanEnded = true;
      span.setAttribute(ATTR_ERROR_TYPE, ERROR_TYPE_ABORTED);
      span.end();
    }
    done();
  });
}

interface BindableLogger {
  setBindings?(bindings: Record<string, string>): void;
}

const { chindingsSym } = pino.symbols;

// pino's request child logger can take more bindings; Fastify's no-op logger (logger: false) cannot.
// pino keeps a logger's bindings serialized under `chindingsSym`; two hex ids appended there are
// what `setBindings` would append, without its formatter pass and per-value stringify.
function bindTraceIds(request: FastifyRequest, traceId: string, spanId: string): void {
  const log = request.log as unknown as BindableLogger & Record<symbol, unknown>;
  const bindings = log[chindingsSym];
  if (typeof bindings === 'string') log[chindingsSym] = `${bindings},"${LOG_TRACE_ID}":"${traceId}","${LOG_SPAN_ID}":"${spanId}"`;
  else log.setBindings?.({ [LOG_TRACE_ID]: traceId, [LOG_SPAN_ID]: spanId });
}

/**
 * The request's trace context (its SERVER span, recording or not) to pass as the parent of work
 * done for it: the ai-core call, database scopes, child spans. ROOT when the request has none.
 */
export function traceContextOf(request: FastifyRequest): Context {
  const state = request.observability;
  if (state === null || state.traceId === undefined || state.spanId === undefined) return ROOT_CONTEXT;
  state.context ??= contextFor(state.parent ?? ROOT_CONTEXT, state.span, state.traceId, state.spanId);
  return state.context;
}

function contextFor(parent: Context, span: Span | undefined, traceId: string, spanId: string): Context {
  if (span !== undefined) return trace.setSpan(parent, span);
  const traceState = trace.getSpanContext(parent)?.traceState;
  return trace.setSpanContext(parent, { traceId, spanId, traceFlags: TraceFlags.NONE, traceState });
}

/** The request's trace context only when it is sampled, for work that is traced only then (database scopes). */
export function sampledTraceOf(request: FastifyRequest): Context | undefined {
  return request.observability?.recording === true ? traceContextOf(request) : undefined;
}

export default fp(tracingPlugin, { fastify: '5.x', name: '@ethixai/observability/tracing' });
