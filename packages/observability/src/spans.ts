import {
  type Attributes,
  type Context,
  type Span,
  type TextMapPropagator,
  type Tracer,
  SpanKind,
  SpanStatusCode,
  context,
  defaultTextMapSetter,
  propagation,
  trace,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, TRACER_SCOPE } from './names.ts';

export interface SpanOptions {
  /** INTERNAL by default; CLIENT for calls leaving the process (database, ai-core). */
  kind?: SpanKind;
  /** The parent (a request's trace context, see `traceContextOf`); the active context when absent. */
  parent?: Context;
}

/**
 * Runs `fn` inside a child span of `options.parent` (else the active context), with the span's
 * context active for `fn`'s synchronous part. Sync results end the span at once;
 * promises end it when they settle. A throw or rejection marks the span ERROR with
 * `error.type` and the exception, then propagates unchanged.
 */
export function runInSpan<T>(tracer: Tracer, name: string, attributes: Attributes, fn: (span: Span) => T, options: SpanOptions = {}): T {
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent);
  const ctx = trace.setSpan(parent, span);
  let result: T;
  try {
    result = context.with(ctx, fn, undefined, span);
  } catch (error) {
    failSpan(span, error);
    span.end();
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

/** Marks a span failed: status ERROR, `error.type` (error code, else class name) and the exception event. */
export function failSpan(span: Span, error: unknown, errorType?: string): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  span.setAttribute(ATTR_ERROR_TYPE, errorType ?? (typeof code === 'string' ? code : err.name));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/** Writes `traceparent` (and `tracestate`) for the given context into outgoing request headers. */
export function injectWith(propagator: TextMapPropagator, headers: Record<string, string>, ctx: Context = context.active()): Record<string, string> {
  propagator.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}

/**
 * Module-level helpers for code that has no Tracing object at hand (the ai-core client). They use the globally registered tracer and propagator, which `createTracing`
 * installs unless told not to; with nothing registered they are cheap no-ops.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T, options?: SpanOptions): T {
  return runInSpan(trace.getTracer(TRACER_SCOPE), name, attributes, fn, options);
}

export function injectTraceHeaders(headers: Record<string, string> = {}, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}


function isPromiseLike<T>(value: T): value is T & PromiseLike<Awaited<T>> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export { SpanKind };
