import { randomFillSync } from 'node:crypto';

// Ids for requests that are traced but not sampled: they need a trace id (response header, log
// line, downstream `traceparent`) but no span object. Random bytes come from a pooled buffer
// refilled by the CSPRNG a few hundred ids at a time; hex-encoding a slice is the per-id cost.
const POOL = Buffer.allocUnsafe(4096);
let offset = POOL.length;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const hex = POOL.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

/** A W3C trace id: 32 lower-case hex digits, never all zero. */
export function newTraceId(): string {
  let id = randomHex(16);
  while (id === INVALID_TRACE_ID) id = randomHex(16);
  return id;
}

/** A W3C span id: 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  let id = randomHex(8);
  while (id === INVALID_SPAN_ID) id = randomHex(8);
  return id;
}
