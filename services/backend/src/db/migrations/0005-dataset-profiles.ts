import type { Kysely } from 'kysely';

/**
 * Per-column profiles of a dataset (type, missing count, up to 200 distinct values with counts),
 * recorded at upload for the UI's pickers. Nullable: datasets uploaded before this migration have
 * none and read back with `profile: null`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('datasets').addColumn('profile_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('datasets').dropColumn('profile_json').execute();
}
