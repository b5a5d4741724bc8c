import type { DestinationStream } from 'pino';

/** What a batch is handed to: sonic-boom (pino.destination) writing synchronously. */
export interface LineSink {
  write(text: string): unknown;
  flushSync(): void;
}

/**
 * A pino destination that collects lines and hands the sink one string per batch of at least
 * `minChars`. sonic-boom can batch by itself (`minLength`), but it appends every line to its
 * pending string and measures the whole pending string's byte length on each write, so the cost
 * per line grows with the batch (packages/observability/bench/log-write-cost.ts). Here a line
 * costs an array push; the batch is joined once.
 */
export class LineBatch implements DestinationStream {
  #lines: string[] = [];
  #chars = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly minChars: number,
  ) {}

  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= this.minChars) this.flush();
  }

  /** Hands what is pending to the sink (the sink writes synchronously); `done` as pino's `logger.flush(cb)` expects. */
  flush(done?: (err?: Error) => void): void {
    if (this.#lines.length > 0) {
      const text = this.#lines.length === 1 ? this.#lines[0]! : this.#lines.join('');
      this.#lines = [];
      this.#chars = 0;
      this.sink.write(text);
    }
    done?.();
  }

  /** Everything pending, written out before returning (exit hooks). */
  flushSync(): void {
    this.flush();
    this.sink.flushSync();
  }
}
