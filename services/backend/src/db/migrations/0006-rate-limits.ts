import type { Kysely } from 'kysely';

// Rate-limit windows shared by every backend replica on PostgreSQL (rate-limit/postgres-counter-store.ts).
// Created on SQLite too, so the schema is the same on both; a SQLite deployment counts in memory.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'bigint', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_windows_reset_at').on('rate_limit_windows').column('reset_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
}
