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
 * Why not @fastify/compress on this route: it compresses every response, and a report body is
 * ~122 KB. GET /v1/reports/:id with Accept-Encoding: gzip, backend CPU per response: 477 µs with
 * these cached bytes, 2,215 µs with the plugin compressing each response (identity reads: 372
 * and 373 µs), against a goal of 10,000 reads/s. Measured 2026-12-06, Node 24.22.3, on a machine
 * at load average 15 from other work, which inflates both (the bare Fastify reference took
 * 58-65 µs per response instead of its usual 15):
 *   npm run bench:api -- --duration 3   (the "without" run: this route minus `compress: false`,
 *                                        always sending the identity body)
 * The route negotiates from the same codings as the plugin and sends these bytes with
 * `compress: false`; every other route goes through the plugin.
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
      pending = COMPRESS[coding](report.body)
        .then((body) => {
          this.#lru.set(key, { orgId: report.orgId, body });
          return body;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  get totalBytes(): number {
    return this.#lru.calculatedSize;
  }
}
