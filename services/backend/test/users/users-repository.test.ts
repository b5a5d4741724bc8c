import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgsRepository } from '../../src/orgs/orgs-repository.ts';
import { createUsersRepository, toUserDto } from '../../src/users/users-repository.ts';
import { httpError } from '../../src/errors.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

for (const dialect of DIALECTS) {
  describe(`users repository on ${dialect.name}`, () => {
    let database: TestDatabase;
    let orgA: string;
    let orgB: string;
    beforeAll(async () => {
      database = await dialect.open();
      const orgs = createOrgsRepository(database.handle.db);
      orgA = (await orgs.create('A')).id;
      orgB = (await orgs.create('B')).id;
    });
    afterAll(() => database.dispose());
    const repo = () => createUsersRepository(database.handle.db);
    const user = (orgId: string, email: string, role: 'admin' | 'analyst' | 'viewer' = 'analyst') => ({
      orgId,
      email,
      name: email,
      passwordHash: 'hash',
      role,
    });

    it('stores emails lower-cased, finds them case-insensitively and maps rows to the API shape', async () => {
      const row = await repo().create(user(orgA, 'Ana@Example.TEST'), 1_795_000_000_000);
      expect((await repo().findByEmail('ANA@example.test'))?.id).toBe(row.id);
      expect(toUserDto(row)).toEqual({
        id: row.id,
        orgId: orgA,
        email: 'ana@example.test',
        name: 'Ana@Example.TEST',
        role: 'analyst',
        active: true,
        createdAt: '2026-11-18T11:06:40.000Z',
        deactivatedAt: null,
      });
    });

    it('refuses a second user with the same email, in any organisation, as BE_ERR_EMAIL_TAKEN', async () => {
      const err = await repo()
        .create(user(orgB, 'ana@example.test'))
        .catch((e) => e);
      expect(httpError.is(err)).toBe(true);
      expect(err.code).toBe('BE_ERR_EMAIL_TAKEN');
    });

    it('scopes reads to one organisation', async () => {
      const b = await repo().create(user(orgB, 'bob@example.test', 'admin'));
      expect(await repo().findInOrg(orgA, b.id)).toBeUndefined();
      expect((await repo().findInOrg(orgB, b.id))?.email).toBe('bob@example.test');
      const listA = await repo().listByOrg(orgA, { limit: 10, offset: 0 });
      expect(listA.items.map((u) => u.email)).toEqual(['ana@example.test']);
      expect(listA.total).toBe(1);
    });

    it('paginates with a stable order and an exact total', async () => {
      for (const n of [1, 2, 3]) await repo().create(user(orgA, `p${n}@example.test`), 2_000_000_000_000 + n);
      const page = await repo().listByOrg(orgA, { limit: 2, offset: 1 });
      expect(page.items.map((u) => u.email)).toEqual(['p1@example.test', 'p2@example.test']);
      expect(page.total).toBe(4);
    });

    it('changes roles, deactivates once, and counts active admins', async () => {
      const c = await repo().create(user(orgB, 'carol@example.test', 'viewer'));
      expect(await repo().countActiveAdmins(orgB)).toBe(1);
      await repo().setRole(orgB, c.id, 'admin');
      expect(await repo().countActiveAdmins(orgB)).toBe(2);
      await repo().deactivate(orgB, c.id, 5);
      await repo().deactivate(orgB, c.id, 9);
      expect((await repo().findById(c.id))?.deactivated_at).toBe(5);
      expect(await repo().countActiveAdmins(orgB)).toBe(1);
      // The wrong organisation cannot touch the user.
      await repo().setRole(orgA, c.id, 'viewer');
      expect((await repo().findById(c.id))?.role).toBe('admin');
    });
  });
}
