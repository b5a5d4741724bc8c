import type { Context, Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { METHOD_OTHER, ROUTE_UNMATCHED } from '../names.ts';

/** Per-request observability state shared by the plugins (one object, allocated on first use). */
export interface RequestObservability {
  /** The SERVER span of this request; only a sampled request has one. */
  span: Span | undefined;
  /** The request is sampled (has a recording span). */
  recording: boolean;
  /** The request's trace and span ids when it is traced (sampled or not), or the caller's when
   *  tracing is off and a `traceparent` came in. */
  traceId: string | undefined;
  spanId: string | undefined;
  /** The span was ended (response sent or client gone); it stays readable for ids. */
  spanEnded: boolean;
  /** The context the span continues (the caller's, or ROOT). */
  parent: Context | undefined;
  /** `parent` + this request's span context, made on first use by `traceContextOf`. */
  context: Context | undefined;
  /** The error Fastify saw for this request, if any (recorded on the span for 5xx). */
  error: Error | undefined;
  /** RED metrics started (in-progress incremented) and not yet finished. */
  metricsOpen: boolean;
  /** performance.now() at onRequest; only the abort path needs it (replies know their elapsed time). */
  startedAt: number;
  /** The completion line was written (guards the abort path against a second line). */
  logged: boolean;
  /** The route template, or ROUTE_UNMATCHED; read once (Fastify builds a new options object on every `routeOptions` read). */
  route: string | undefined;
  /** The bounded method label, read once. */
  method: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    observability: RequestObservability | null;
  }
}

export function decorateRequestState(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('observability')) app.decorateRequest('observability', null);
}

export function stateOf(request: FastifyRequest): RequestObservability {
  let state = request.observability;
  if (state === null) {
    state = { span: undefined, recording: false, traceId: undefined, spanId: undefined, spanEnded: false, parent: undefined, context: undefined, error: undefined, metricsOpen: false, startedAt: 0, logged: false, route: undefined, method: undefined };
    request.observability = state;
  }
  return state;
}

/** The route TEMPLATE (`/items/:id`), never the raw URL; unmatched requests share one value. */
export function routeOf(request: FastifyRequest): string {
  const state = stateOf(request);
  return (state.route ??= request.routeOptions.url ?? ROUTE_UNMATCHED);
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/** Bounded method label: non-standard methods become `_OTHER` (OTel semconv). */
export function methodOf(request: FastifyRequest): string {
  const state = stateOf(request);
  return (state.method ??= KNOWN_METHODS.has(request.method) ? request.method : METHOD_OTHER);
}

/** Status recorded for a request the client abandoned before it was answered (nginx's convention). */
export const STATUS_CLIENT_CLOSED = 499;
