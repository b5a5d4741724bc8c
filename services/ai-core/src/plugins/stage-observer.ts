/**
 * Connects the engine's stage clock to telemetry: each stage becomes an `analysis.<stage>` span,
 * a child of the active (request) span, started through the OpenTelemetry API's tracer, and an
 * `ethixai_analysis_stage_duration_seconds` observation whose exemplar is that span.
 */
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_ANALYSIS_STAGE,
  SPAN_ANALYSIS_STAGE_PREFIX,
  TRACER_SCOPE,
  observeWithExemplar,
  type Telemetry,
} from '@ethixai/observability';
import { NOOP_STAGE_OBSERVER, type StageObserver } from '../analysis/stages.ts';

export function stageObserver(telemetry: Telemetry | undefined): StageObserver {
  const metrics = telemetry?.metrics;
  if (metrics === undefined && telemetry?.tracing === undefined) return NOOP_STAGE_OBSERVER;
  const tracer = trace.getTracer(TRACER_SCOPE);
  return {
    wrap:
      telemetry?.tracing === undefined
        ? (_stage, fn) => fn()
        : (stage, fn) =>
            tracer.startActiveSpan(
              `${SPAN_ANALYSIS_STAGE_PREFIX}${stage}`,
              { attributes: { [ATTR_ANALYSIS_STAGE]: stage } },
              (span) => endWhenDone(span, fn),
            ),
    record:
      metrics === undefined
        ? () => {}
        : (stage, seconds) =>
            // The exemplar is the active span: the stage's own when tracing is on.
            observeWithExemplar(
              metrics.instruments.analysisStageDuration,
              { stage },
              seconds,
              trace.getActiveSpan()?.spanContext(),
            ),
  };
}

/** Ends `span` when `fn` returns, or when its promise settles; a failure marks the span ERROR. */
function endWhenDone<T>(span: Span, fn: () => T): T {
  const fail = (error: unknown): never => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    throw error;
  };
  let result: T;
  try {
    result = fn();
  } catch (error) {
    return fail(error);
  }
  if (!(result instanceof Promise)) {
    span.end();
    return result;
  }
  return result.then((value: unknown) => {
    span.end();
    return value;
  }, fail) as T;
}
