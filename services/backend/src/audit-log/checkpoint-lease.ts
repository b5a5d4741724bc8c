import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

const LEASE = 'audit-checkpoint-writer';

/**
 * The lease that makes one replica the checkpoint writer: one row, taken over only once expired.
 * Acquire and renew are the same single upsert, atomic on SQLite and PostgreSQL, so of N replicas
 * racing for it exactly one gets it. Holders' clocks must agree to well within the lease length.
 */
export function checkpointLease(db: Kysely<Database>) {
  return {
    /** True when `holder` holds the lease until now + ttlMs (newly acquired or renewed). */
    async acquire(holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
      const row = await db
        .insertInto('audit_checkpoint_lease')
        .values({ name: LEASE, holder, expires_at: now + ttlMs })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, expires_at: now + ttlMs })
            .where((eb) =>
              eb.or([
                eb('audit_checkpoint_lease.holder', '=', holder),
                eb('audit_checkpoint_lease.expires_at', '<=', now),
              ]),
            ),
        )
        .returning('holder')
        .executeTakeFirst();
      return row?.holder === holder;
    },
    /** Gives the lease up at once, so another replica takes over at its next tick. */
    async release(holder: string): Promise<void> {
      await db
        .updateTable('audit_checkpoint_lease')
        .set({ expires_at: 0 })
        .where('name', '=', LEASE)
        .where('holder', '=', holder)
        .execute();
    },
    async current(): Promise<{ holder: string; expiresAt: number } | null> {
      const row = await db
        .selectFrom('audit_checkpoint_lease')
        .select(['holder', 'expires_at'])
        .where('name', '=', LEASE)
        .executeTakeFirst();
      return row ? { holder: row.holder, expiresAt: Number(row.expires_at) } : null;
    },
  };
}
