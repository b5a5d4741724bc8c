import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The better-sqlite3 handle as Kysely's SQLite driver sees it, with prepared statements reused
 * by SQL text. Kysely's driver calls `prepare(sql)` for every query, and SQLite then parses and
 * plans the statement again: for the group-commit INSERT (22 columns × up to 200 rows) and the
 * BEGIN/COMMIT around it, that was ~6 % of the CPU of POST /v1/evaluate.
 *
 * A statement is reused only when it is not busy: Kysely runs one query at a time on its single
 * SQLite connection, but a statement still being iterated (streamQuery) is never handed out
 * twice. LRU-bounded; SQLite re-prepares a cached statement by itself after a schema change.
 */
export class CachedStatements implements SqliteDatabase {
  readonly #cache = new Map<string, SQLite.Statement>();
  private readonly sqlite: SQLite.Database;
  private readonly maxEntries;

  constructor(
    sqlite: SQLite.Database,
    maxEntries = 512,
  ) {
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
