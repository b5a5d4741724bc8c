/**
 * Span counts for the observability bench, fed by the project's OTLP test receiver
 * (`startOtlpReceiver({ onSpan })`, which then keeps no spans: at 100 % sampling the evaluate path
 * exports tens of thousands per second, and the receiver shares the load generator's core). A
 * trace is attributed to a path by the name of its root span (the server span of the request the
 * bench sent), which may arrive after its children.
 */
import type { ReceivedSpan } from '@ethixai/test-support';

export interface SpanTally {
  /** Traces whose root span has this name (e.g. `POST /v1/evaluate`), and their spans. */
  byRoot: Record<string, { traces: number; spans: number }>;
  /** Spans of traces whose root never arrived (dropped by a full queue, or background work). */
  orphanSpans: number;
  totalSpans: number;
  /** Spans per exporting service (resource attribute service.name). */
  byService: Record<string, number>;
  exportRequests: number;
  rejectedRequests: number;
}

export interface SpanCounter {
  onSpan(span: ReceivedSpan): void;
  tally(exportRequests: number, rejectedRequests: number): SpanTally;
}

export function countSpans(): SpanCounter {
  const spansPerTrace = new Map<string, number>();
  const rootName = new Map<string, string>();
  const byService: Record<string, number> = {};
  let totalSpans = 0;
  return {
    onSpan(span) {
      const service = span.serviceName ?? 'unknown';
      totalSpans += 1;
      byService[service] = (byService[service] ?? 0) + 1;
      spansPerTrace.set(span.traceId, (spansPerTrace.get(span.traceId) ?? 0) + 1);
      if (span.parentSpanId === undefined) rootName.set(span.traceId, span.name);
    },
    tally(exportRequests, rejectedRequests) {
      const byRoot: SpanTally['byRoot'] = {};
      let orphanSpans = 0;
      for (const [traceId, spans] of spansPerTrace) {
        const name = rootName.get(traceId);
        if (name === undefined) {
          orphanSpans += spans;
          continue;
        }
        const entry = (byRoot[name] ??= { traces: 0, spans: 0 });
        entry.traces += 1;
        entry.spans += spans;
      }
      return { byRoot, orphanSpans, totalSpans, byService: { ...byService }, exportRequests, rejectedRequests };
    },
  };
}

/** Two tallies as one (the same configuration's receivers over several stacks and rounds). */
export function addTallies(a: SpanTally, b: SpanTally): SpanTally {
  const byRoot: SpanTally['byRoot'] = { ...a.byRoot };
  for (const [name, { traces, spans }] of Object.entries(b.byRoot)) {
    const entry = byRoot[name] ?? { traces: 0, spans: 0 };
    byRoot[name] = { traces: entry.traces + traces, spans: entry.spans + spans };
  }
  const byService = { ...a.byService };
  for (const [name, n] of Object.entries(b.byService)) byService[name] = (byService[name] ?? 0) + n;
  return {
    byRoot,
    byService,
    orphanSpans: a.orphanSpans + b.orphanSpans,
    totalSpans: a.totalSpans + b.totalSpans,
    exportRequests: a.exportRequests + b.exportRequests,
    rejectedRequests: a.rejectedRequests + b.rejectedRequests,
  };
}
