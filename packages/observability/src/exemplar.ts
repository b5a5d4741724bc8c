import { type Span, TraceFlags, trace } from '@opentelemetry/api';
import type { Histogram, LabelValues } from 'prom-client';

export interface ExemplarLabels {
  trace_id: string;
  span_id: string;
  [key: string]: string;
}

/**
 * Exemplar labels linking a metric sample to a trace, or undefined when the span is absent or
 * not sampled: an exemplar must point at a trace the backend actually has.
 */
export function exemplarFromSpan(span: Span | undefined): ExemplarLabels | undefined {
  if (span === undefined) return undefined;
  const ctx = span.spanContext();
  if ((ctx.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
  return exemplarFromIds(ctx.traceId, ctx.spanId);
}

/** Exemplar labels for a sampled span known by its ids. */
export function exemplarFromIds(traceId: string, spanId: string): ExemplarLabels {
  return { trace_id: traceId, span_id: spanId };
}

/** Exemplar for the span active in the current async context (engine stages, DB queries). */
export function activeExemplar(): ExemplarLabels | undefined {
  return exemplarFromSpan(trace.getActiveSpan());
}

/**
 * Observes into an exemplar-enabled histogram. (prom-client 15's typings wrongly require the
 * exemplar's label names to be the metric's own, hence the cast.)
 */
export function observeWithExemplar<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T>,
  value: number,
  exemplar: ExemplarLabels | undefined,
): void {
  if (exemplar === undefined) histogram.observe({ labels, value });
  else histogram.observe({ labels, value, exemplarLabels: exemplar as unknown as LabelValues<T> });
}
