import { pino, type DestinationStream } from 'pino';

/** What a batch is handed to: sonic-boom (pino.destination in `contentMode: 'buffer'`) writing synchronously. */
export interface ByteSink {
  write(chunk: Buffer): unknown;
  flushSync(): void;
}

/** sonic-boom in buffer mode, writing synchronously to a file descriptor or path: what LineBatch hands its chunks to. */
export function syncByteDestination(dest: number | string): ByteSink {
  // sonic-boom's types describe only its text mode; in 'buffer' mode `write` takes bytes.
  return pino.destination({ dest, sync: true, contentMode: 'buffer' }) as unknown as ByteSink;
}

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * A pino destination that encodes each line into a byte buffer as it arrives and hands the sink
 * one chunk of up to `capacity` bytes at a time (or whatever is pending on `flush`).
 *
 * Why bytes and not the lines themselves: a line built by concatenation (the completion line) is
 * a tree of string pieces, and every pending line is live at each young-generation collection.
 * Kept as strings until a 64 KB batch was joined, they were copied by every scavenge: with
 * logging on, 233 KB survived each one on the evaluate path, 98 KB with it off (`npm run
 * bench:observability-gc`; bench/log-batch-gc-cost.ts isolates it). Encoded at once, a line leaves only garbage behind; the buffer's
 * memory is outside the JavaScript heap.
 */
export class LineBatch implements DestinationStream {
  #buffer: Buffer;
  #used = 0;
  private readonly sink: ByteSink;
  private readonly capacity: number;

  constructor(
    sink: ByteSink,
    capacity: number,
  ) {
    this.sink = sink;
    this.capacity = capacity;
    this.#buffer = Buffer.allocUnsafeSlow(capacity);
  }

  write(line: string): void {
    const worstCase = line.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.#used + worstCase > this.capacity) {
      this.flush();
      if (worstCase > this.capacity) {
        this.sink.write(Buffer.from(line, 'utf8'));
        return;
      }
    }
    this.#used += this.#buffer.write(line, this.#used, 'utf8');
  }

  /** Hands what is pending to the sink (the sink writes synchronously); `done` as pino's `logger.flush(cb)` expects. */
  flush(done?: (err?: Error) => void): void {
    if (this.#used > 0) {
      const chunk = this.#buffer.subarray(0, this.#used);
      // A fresh buffer: a sink that could not write everything at once keeps the chunk until it can.
      this.#buffer = Buffer.allocUnsafeSlow(this.capacity);
      this.#used = 0;
      this.sink.write(chunk);
    }
    done?.();
  }

  /** Everything pending, written out before returning (exit hooks). */
  flushSync(): void {
    this.flush();
    this.sink.flushSync();
  }
}
