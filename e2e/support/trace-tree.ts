import { randomBytes } from 'node:crypto';
import type { ReceivedSpan } from '@ethixai/test-support';

/** OTLP JSON span kinds (not the API's numbering: there SERVER is 1 and CLIENT 2). */
export const OTLP_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

export function spansOfTrace(spans: ReceivedSpan[], traceId: string): ReceivedSpan[] {
  return spans.filter((s) => s.traceId === traceId);
}

/** Trace ids whose spans come from every one of `services`. */
export function tracesCovering(spans: ReceivedSpan[], services: string[]): string[] {
  const byTrace = new Map<string, Set<string>>();
  for (const span of spans) {
    const seen = byTrace.get(span.traceId) ?? new Set<string>();
    seen.add(span.serviceName ?? '(no service.name)');
    byTrace.set(span.traceId, seen);
  }
  return [...byTrace].filter(([, seen]) => services.every((s) => seen.has(s))).map(([id]) => id);
}

/** The chain of parents of `span` within `spans`, nearest first (stops at a missing parent). */
export function ancestors(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  let parentId = span.parentSpanId;
  while (parentId !== undefined) {
    const parent = byId.get(parentId);
    if (parent === undefined || chain.includes(parent)) break;
    chain.push(parent);
    parentId = parent.parentSpanId;
  }
  return chain;
}

/** One line per span, for failure messages: what actually arrived. */
export function describeSpans(spans: ReceivedSpan[]): string {
  const kinds = ['?', 'internal', 'server', 'client', 'producer', 'consumer'];
  return (
    spans
      .map(
        (s) =>
          `${s.traceId.slice(0, 8)} ${s.serviceName} ${kinds[s.kind] ?? s.kind} "${s.name}" span=${s.spanId} parent=${s.parentSpanId ?? '-'}`,
      )
      .join('\n') || '(no spans)'
  );
}

/** A random W3C id of `bytes` bytes as lowercase hex (all-zero ids are invalid). */
export function randomHex(bytes: number): string {
  const out = randomBytes(bytes).toString('hex');
  return /^0+$/.test(out) ? randomHex(bytes) : out;
}
