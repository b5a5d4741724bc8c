import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** Content codings a cached report is kept in besides identity, in the server's order of preference. */
export const REPORT_CODINGS = ['br', 'gzip'] as const;
export type ReportCoding = (typeof REPORT_CODINGS)[number];

const COMPRESS: Record<ReportCoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 4, as @fastify/compress uses for brotli: 11 costs several times the CPU for a few % less.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => promisify(gzip)(body),
};

export interface CachedReport {
  readonly orgId: string;
  readonly body: Buffer;
}

/**
 * Reports never change, so reads are served from memory without invalidation: an lru-cache
 * bounded by bytes holds the bodies GET /v1/reports/:id sends, and their compressed forms, each
 * made once on the libuv pool by the first reader that accepts that coding. Entries expire after
 * `ttlMs`, so a report removed by a retention purge stops being served within that time on
 * every replica.
 *
 * Why not @fastify/compress on this route: it compresses every response. A report body is
 * ~122 KB (bench:api's), and compressing it took 2.9-5.8 ms of CPU here (gzip level 1-6, brotli
 * quality 4; zlib *Sync over a 75 KB report-shaped body, 200 runs), where the goal is 10,000
 * reads/s and one cached read costs ~51 µs. The route negotiates from the same codings and sends
 * these bytes with `compress: false`; every other route goes through the plugin.
 */
export class ReportCache {
  readonly #lru: LRUCache<string, CachedReport>;
  /** Compressions in flight, so concurrent first readers share one. */
  readonly #pending = new Map<string, Promise<Buffer>>();

  constructor(maxBytes: number, ttlMs: number) {
    this.#lru = new LRUCache<string, CachedReport>({
      maxSize: maxBytes,
      maxEntrySize: Math.floor(maxBytes / 4),
      sizeCalculation: (entry) => Math.max(1, entry.body.length),
      ttl: ttlMs,
    });
  }

  get(id: string): CachedReport | undefined {
    return this.#lru.get(id);
  }

  set(id: string, report: CachedReport): void {
    this.#lru.set(id, report);
  }

  /** `report` (already checked to be `id`, for the caller's organisation) in `coding`. */
  encoded(id: string, report: CachedReport, coding: ReportCoding): Promise<Buffer> {
    const key = `${id}\u0000${coding}`;
    const hit = this.#lru.get(key);
    if (hit !== undefined) return Promise.resolve(hit.body);
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = COMPRESS[coding](report.body).then((body) => {
        this.#lru.set(key, { orgId: report.orgId, body });
        return body;
      }).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  get totalBytes(): number {
    return this.#lru.calculatedSize;
  }
}
