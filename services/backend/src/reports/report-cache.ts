import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * Reports never change, so a read can be served from memory without any invalidation: this LRU
 * holds recently read report bodies (the bytes GET /v1/reports/:id sends), bounded by
 * total bytes. Entries also expire after `ttlMs`, so a report removed by a retention purge stops
 * being served within that time on every replica.
 *
 * Each entry can also hold the body gzip-compressed, made once on the libuv pool the first time a
 * client that accepts gzip reads it: a report is ~5x smaller compressed, and compressing per
 * response would cost more CPU than the whole read.
 */
export interface CachedReport {
  readonly orgId: string;
  readonly body: Buffer;
}

interface Entry extends CachedReport {
  readonly expiresAt: number;
  gzipped?: Promise<Buffer>;
  gzippedBytes: number;
}

export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly ttlMs: number;

  constructor(maxBytes: number, ttlMs: number) {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
  }

  get(id: string, now = Date.now()): CachedReport | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= now) {
      this.bytes -= entry.body.length + entry.gzippedBytes;
      return undefined;
    }
    this.entries.set(id, entry); // most recently used last
    return entry;
  }

  /** The gzip form of a cached body (compressed on first request, then shared); undefined when not cached. */
  gzipped(id: string): Promise<Buffer> | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.gzipped === undefined) {
      entry.gzipped = gzipAsync(entry.body);
      entry.gzipped.then((compressed) => {
        // Counted only if the entry is still the cached one (not evicted or replaced meanwhile).
        if (this.entries.get(id) !== entry) return;
        entry.gzippedBytes = compressed.length;
        this.bytes += compressed.length;
        this.evict();
      }, () => {
        entry.gzipped = undefined;
      });
    }
    return entry.gzipped;
  }

  set(id: string, report: CachedReport, now = Date.now()): void {
    if (report.body.length > this.maxBytes / 4) return;
    const old = this.entries.get(id);
    if (old) {
      this.entries.delete(id);
      this.bytes -= old.body.length + old.gzippedBytes;
    }
    this.entries.set(id, { orgId: report.orgId, body: report.body, expiresAt: now + this.ttlMs, gzippedBytes: 0 });
    this.bytes += report.body.length;
    this.evict();
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.body.length + entry.gzippedBytes;
    }
  }
}
