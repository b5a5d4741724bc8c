import { type Context, type Span, type SpanOptions, type Tracer, INVALID_SPAN_CONTEXT, context, trace } from '@opentelemetry/api';

// Tracing disabled: spans record nothing but carry the caller's span context, so an incoming
// traceparent is still passed on to downstream calls and logs keep the caller's trace id.
function startSpan(_name: string, _options?: SpanOptions, ctx: Context = context.active()): Span {
  return trace.wrapSpanContext(trace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT);
}

function startActiveSpan<F extends (span: Span) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
  const fn = args[args.length - 1] as F;
  const options = (args.length > 1 ? args[0] : undefined) as SpanOptions | undefined;
  const ctx = (args.length > 2 ? args[1] : context.active()) as Context;
  const span = startSpan(name, options, ctx);
  return context.with(trace.setSpan(ctx, span), fn as (span: Span) => ReturnType<F>, undefined, span);
}

export const noopTracer: Tracer = { startSpan, startActiveSpan } as Tracer;
