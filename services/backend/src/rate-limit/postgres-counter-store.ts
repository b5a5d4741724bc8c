import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NO_WINDOW, type CounterStore, type WindowCount } from './counter-store.ts';

/** PostgreSQL's clock in epoch ms: one clock for every replica, whatever their own say. */
const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** Expired windows are deleted this often (by whichever replica gets there). */
const CLEANUP_INTERVAL_MS = 60_000;

interface PendingHits {
  windowMs: number;
  waiters: { resolve: (count: WindowCount) => void; reject: (err: unknown) => void }[];
}

/**
 * Counters in the `rate_limit_windows` table, shared by every replica: one atomic upsert per hit
 * (insert the window, or add to it, or restart it when it has ended, in a single statement), so
 * two replicas can never both see the same count. Hits on one key that arrive in the same turn of
 * the event loop are sent as one upsert that adds them all; each caller still gets its own exact
 * position (count), so a hot API key costs one row lock per turn rather than one per request.
 */
export function createPostgresCounterStore(db: Kysely<Database>): CounterStore {
  const pending = new Map<string, PendingHits>();
  let scheduled = false;

  async function upsert(key: string, hits: number, windowMs: number): Promise<{ hits: number; ttl: number }> {
    const result = await sql<{ hits: string | number; ttl: string | number }>`
      insert into rate_limit_windows as w (key, hits, reset_at)
      values (${key}, ${hits}, ${NOW_MS} + ${windowMs})
      on conflict (key) do update set
        hits = case when w.reset_at <= ${NOW_MS} then excluded.hits else w.hits + excluded.hits end,
        reset_at = case when w.reset_at <= ${NOW_MS} then excluded.reset_at else w.reset_at end
      returning hits, reset_at - ${NOW_MS} as ttl`.execute(db);
    const row = result.rows[0]!;
    return { hits: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
  }

  function flush(): void {
    scheduled = false;
    const batch = [...pending];
    pending.clear();
    for (const [key, { windowMs, waiters }] of batch) {
      upsert(key, waiters.length, windowMs).then(
        ({ hits, ttl }) => waiters.forEach((w, i) => w.resolve({ count: hits - waiters.length + 1 + i, ttlMs: ttl })),
        (err: unknown) => waiters.forEach((w) => w.reject(err)),
      );
    }
  }

  const cleanup = setInterval(() => {
    // Best effort: an expired row is already treated as absent; this only keeps the table small.
    sql`delete from rate_limit_windows where reset_at < ${NOW_MS} - ${CLEANUP_INTERVAL_MS}`
      .execute(db)
      .catch(() => undefined);
  }, CLEANUP_INTERVAL_MS);
  cleanup.unref();

  return {
    hit(key, windowMs) {
      return new Promise<WindowCount>((resolve, reject) => {
        const entry = pending.get(key) ?? { windowMs, waiters: [] };
        entry.waiters.push({ resolve, reject });
        pending.set(key, entry);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async read(key) {
      const row = await db
        .selectFrom('rate_limit_windows')
        .select(['hits', sql<number>`reset_at - ${NOW_MS}`.as('ttl')])
        .where('key', '=', key)
        .where('reset_at', '>', NOW_MS)
        .executeTakeFirst();
      return row === undefined ? NO_WINDOW : { count: Number(row.hits), ttlMs: Math.max(0, Number(row.ttl)) };
    },
    async clear(key) {
      await db.deleteFrom('rate_limit_windows').where('key', '=', key).execute();
    },
    async close() {
      clearInterval(cleanup);
    },
  };
}
