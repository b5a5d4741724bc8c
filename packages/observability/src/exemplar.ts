import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import type { Histogram, LabelValues } from 'prom-client';

/**
 * Observes into an exemplar-enabled histogram; the exemplar `{trace_id, span_id}` is added only
 * when `span` is sampled, so it always points at a trace the tracing backend has. (prom-client
 * 15's typings wrongly require exemplar label names to be the metric's own, hence the cast.)
 */
export function observeWithExemplar<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T>,
  value: number,
  span: SpanContext | undefined,
): void {
  if (span === undefined || (span.traceFlags & TraceFlags.SAMPLED) === 0) histogram.observe({ labels, value });
  else
    histogram.observe({
      labels,
      value,
      exemplarLabels: { trace_id: span.traceId, span_id: span.spanId } as LabelValues<string> as LabelValues<T>,
    });
}
