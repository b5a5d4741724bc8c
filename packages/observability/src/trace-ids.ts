import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';

// Ids for requests that are traced but not sampled: they need a trace id (response header, log
// line, downstream `traceparent`) but no span object. The SDK's generator, the one its sampled
// spans get their ids from.
const ids = new RandomIdGenerator();

/** A W3C trace id: 32 lower-case hex digits, never all zero. */
export function newTraceId(): string {
  return ids.generateTraceId();
}

/** A W3C span id: 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  return ids.generateSpanId();
}
