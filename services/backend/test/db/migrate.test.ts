import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.dispose());

    it('creates the core tables and re-running is a no-op', async () => {
      const tables = (await database.handle.db.introspection.getTables()).map((t) => t.name);
      for (const t of ['organisations', 'users', 'refresh_tokens', 'api_keys']) expect(tables).toContain(t);
      expect(await migrateToLatest(database.handle.db)).toEqual([]);
    });

    it('records every listed migration as applied, in order', async () => {
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        database.handle.db,
      );
      expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
    });

    it('rejects a role outside viewer/analyst/admin at the database level', async () => {
      const db = database.handle.db;
      await db
        .insertInto('organisations')
        .values({ id: 'o-1', name: 'o', retention_days: 365, created_at: 1 })
        .execute();
      const bad = db
        .insertInto('users')
        .values({
          id: 'u-1',
          org_id: 'o-1',
          email: 'x@y.z',
          name: 'x',
          password_hash: 'h',
          role: 'root' as 'admin',
          created_at: 1,
          updated_at: 1,
          deactivated_at: null,
        })
        .execute();
      await expect(bad).rejects.toThrow(/check/i);
    });

    it('returns bigint millisecond timestamps as numbers', async () => {
      const db = database.handle.db;
      await db
        .insertInto('organisations')
        .values({ id: 'o-2', name: 'o', retention_days: 365, created_at: 1_795_000_000_123 })
        .execute();
      const row = await db.selectFrom('organisations').selectAll().where('id', '=', 'o-2').executeTakeFirstOrThrow();
      expect(row.created_at).toBe(1_795_000_000_123);
    });
  });
}
