import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin, FIRST_ADMIN_EMAIL } from '../../src/orgs/first-admin.ts';
import { createUsersRepository } from '../../src/users/users-repository.ts';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

for (const dialect of DIALECTS) {
  describe(`first admin on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.dispose());

    it('creates an org and an admin on an empty database and prints the password once', async () => {
      const printed: string[] = [];
      const admin = await bootstrapFirstAdmin(database.handle.db, (t) => printed.push(t));
      expect(admin?.email).toBe(FIRST_ADMIN_EMAIL);
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain(`password: ${admin?.password}`);
      const row = await createUsersRepository(database.handle.db).findByEmail(FIRST_ADMIN_EMAIL);
      expect(row?.role).toBe('admin');
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row!.password_hash, admin!.password)).toBe(true);

      expect(await bootstrapFirstAdmin(database.handle.db, (t) => printed.push(t))).toBeNull();
      expect(printed).toHaveLength(1);
    });
  });
}
