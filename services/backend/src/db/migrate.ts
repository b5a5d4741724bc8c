import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';

export class MigrationError extends Error {
  readonly results: readonly MigrationResult[];

  constructor(message: string, results: readonly MigrationResult[], options?: { cause?: unknown }) {
    super(message, options);
    this.results = results;
    this.name = 'MigrationError';
  }
}

/** Bring the schema to the latest version; throws naming the migration that failed. */
export async function migrateToLatest(db: Kysely<Database>): Promise<readonly MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: await migrationSchema(db),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(error as Error).message}`, results, { cause: error });
  }
  return results;
}

/**
 * On PostgreSQL the migrator looks for its bookkeeping tables across every schema it can see, so
 * with two schemas in one database (replicas of test suites, or staging beside production) it
 * would find another schema's tables and skip creating its own. Pin them to our current schema.
 */
async function migrationSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}
