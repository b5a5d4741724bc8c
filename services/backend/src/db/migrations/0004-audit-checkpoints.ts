import { sql, type Kysely } from 'kysely';

/**
 * Tamper evidence for the audit chain (src/audit-log/README.md):
 * - `audit_log.key_id`: the HMAC key that sealed an entry; NULL marks an entry written before
 *   keyed entries existed (plain sha256), which stay as they are.
 * - `audit_chain_heads.legacy_seq`: the last such unkeyed entry of each organisation's chain, set
 *   here once. The first signed checkpoint copies it, so it cannot be moved afterwards.
 * - `audit_checkpoint_lease`: which replica signs checkpoints, until when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
  await db.schema
    .alterTable('audit_chain_heads')
    .addColumn('legacy_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update audit_chain_heads set legacy_seq = seq`.execute(db);
  await db.schema
    .createTable('audit_checkpoint_lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoint_lease').execute();
  await db.schema.alterTable('audit_chain_heads').dropColumn('legacy_seq').execute();
  await db.schema.alterTable('audit_log').dropColumn('key_id').execute();
}
