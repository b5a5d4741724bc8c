import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';

// Every traced request needs a trace id and a span id (sampled or not: response header, log line,
// downstream `traceparent`). The SDK's RandomIdGenerator builds each from Math.random into a
// buffer and hex-encodes it per id (~0.4 µs a pair here, bench/trace-id-cost.ts). Here the random
// bytes come from the CSPRNG a pool at a time and are hex-encoded once per pool; an id is a slice
// of that text.
const POOL_BYTES = 4096;
const TRACE_ID_CHARS = 32;
const SPAN_ID_CHARS = 16;
const ZERO_TRACE_ID = '0'.repeat(TRACE_ID_CHARS);
const ZERO_SPAN_ID = '0'.repeat(SPAN_ID_CHARS);

export class PooledIdGenerator implements IdGenerator {
  #hex = '';
  #at = 0;
  private readonly fill: (pool: Buffer) => Buffer;

  /** `fill`: the random source (tests pass a predictable one). */
  constructor(fill: (pool: Buffer) => Buffer = randomFillSync) {
    this.fill = fill;
  }

  generateTraceId(): string {
    return this.#take(TRACE_ID_CHARS, ZERO_TRACE_ID);
  }

  generateSpanId(): string {
    return this.#take(SPAN_ID_CHARS, ZERO_SPAN_ID);
  }

  // W3C: an all-zero id is invalid. The odds are 2^-64 or less, but one is never handed out.
  #take(chars: number, zero: string): string {
    let id: string;
    do {
      if (this.#at + chars > this.#hex.length) {
        this.#hex = this.fill(Buffer.allocUnsafe(POOL_BYTES)).toString('hex');
        this.#at = 0;
      }
      id = this.#hex.slice(this.#at, this.#at + chars);
      this.#at += chars;
    } while (id === zero);
    return id;
  }
}

/** The process's id source, shared by unsampled requests and the SDK's sampled spans. */
export const traceIds = new PooledIdGenerator();

/** A W3C trace id: 32 lower-case hex digits, never all zero. */
export function newTraceId(): string {
  return traceIds.generateTraceId();
}

/** A W3C span id: 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  return traceIds.generateSpanId();
}
