/**
 * Reports never change, so a read can be served from memory without any invalidation: this LRU
 * holds recently written or read report bodies (the bytes GET /v1/reports/:id sends), bounded by
 * total bytes. Entries also expire after `ttlMs`, so a report removed by a retention purge stops
 * being served within that time on every replica.
 */
export interface CachedReport {
  readonly orgId: string;
  readonly body: Buffer;
}

interface Entry extends CachedReport {
  readonly expiresAt: number;
}

export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number, private readonly ttlMs: number) {}

  get(id: string, now = Date.now()): CachedReport | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= now) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(id, entry); // most recently used last
    return entry;
  }

  set(id: string, report: CachedReport, now = Date.now()): void {
    if (report.body.length > this.maxBytes / 4) return;
    const old = this.entries.get(id);
    if (old) {
      this.entries.delete(id);
      this.bytes -= old.body.length;
    }
    this.entries.set(id, { ...report, expiresAt: now + this.ttlMs });
    this.bytes += report.body.length;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }
}
