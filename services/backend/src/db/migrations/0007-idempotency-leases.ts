import type { Kysely } from 'kysely';

/**
 * Idempotency claims become leases: `lease_owner` names the process working on an in-flight key and
 * `lease_until` is when its claim lapses unless that process renews it (idempotency/lease-keeper.ts).
 * Nullable: rows written before this migration, or by an older replica during a rolling upgrade,
 * have none and keep the old rule (stale a fixed time after `created_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('idempotency_keys').addColumn('lease_until', 'bigint').execute();
  // The renewal updates every in-flight key of one owner in one statement.
  await db.schema.createIndex('idempotency_keys_lease_owner').on('idempotency_keys').column('lease_owner').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_lease_owner').execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('lease_until').execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('lease_owner').execute();
}
