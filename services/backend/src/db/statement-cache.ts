import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The better-sqlite3 handle as Kysely's SQLite driver sees it (its public `SqliteDatabase`
 * interface), with prepared statements reused by SQL text. Neither Kysely 0.29's driver nor
 * better-sqlite3 caches them: the driver calls `prepare(sql)` for every query, and SQLite parses
 * and plans the statement again (the group-commit INSERT, the window upsert, BEGIN and COMMIT).
 *
 * Measured on POST /v1/evaluate, share of the backend's CPU profile: better-sqlite3's `prepare`
 * 8.0 % without this cache, this cache's `prepare` 0.9 % with it (2026-12-06, Node 24.22.3; the
 * machine's load average was 14-17 from other work, so CPU µs per request were too noisy to
 * compare: medians 649, 923, 868 with the cache and 610, 739, 971 without, in three runs):
 *   node tools/bench/src/pipeline-profile.ts --routes evaluate --rounds 2 --duration 5 --cpu-prof \
 *     --compare DIR   (DIR: a checkout with `new SqliteDialect({ database: sqlite })` in connect.ts)
 *
 * A statement is reused only when it is not busy: Kysely runs one query at a time on its single
 * SQLite connection, but a statement still being iterated (streamQuery) is never handed out
 * twice. LRU-bounded; SQLite re-prepares a cached statement by itself after a schema change.
 */
export class CachedStatements implements SqliteDatabase {
  readonly #cache = new Map<string, SQLite.Statement>();
  private readonly sqlite: SQLite.Database;
  private readonly maxEntries;

  constructor(sqlite: SQLite.Database, maxEntries = 512) {
    this.sqlite = sqlite;
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.#cache.size;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#cache.get(sql);
    if (cached !== undefined && !cached.busy) {
      // Re-insert: Maps iterate in insertion order, so the first key is the least recently used.
      this.#cache.delete(sql);
      this.#cache.set(sql, cached);
      return cached as unknown as SqliteStatement;
    }
    const stmt = this.sqlite.prepare(sql);
    if (cached === undefined) {
      if (this.#cache.size >= this.maxEntries) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(sql, stmt);
    }
    return stmt as unknown as SqliteStatement;
  }

  close(): void {
    this.#cache.clear();
    this.sqlite.close();
  }
}
