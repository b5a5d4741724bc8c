import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithAdmin } from '../../src/orgs/first-admin.ts';
import { createRefreshTokensRepository } from '../../src/auth/refresh-tokens-repository.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const TTL = 60_000;

for (const dialect of DIALECTS) {
  describe(`refresh tokens on ${dialect.name}`, () => {
    let database: TestDatabase;
    let userId: string;
    let orgId: string;
    beforeAll(async () => {
      database = await dialect.open();
      const admin = await createOrgWithAdmin(database.handle.db, { orgName: 'A', email: 'a@a.test' });
      userId = admin.userId;
      orgId = admin.orgId;
    });
    afterAll(() => database.dispose());
    const repo = () => createRefreshTokensRepository(database.handle.db);

    it('rotates within the family and stores only hashes', async () => {
      const { token, row } = await repo().issue(userId, orgId, TTL, 1000);
      expect(row.token_hash).not.toContain(token.slice(5));
      const out = await repo().rotate(token, TTL, 2000);
      expect(out.kind).toBe('rotated');
      if (out.kind !== 'rotated') return;
      expect(out.row.family_id).toBe(row.family_id);
      expect(out.token).not.toBe(token);
      const family = await repo().findFamily(row.family_id);
      expect(family.map((r) => [r.used_at, r.revoked_at])).toEqual([
        [2000, null],
        [null, null],
      ]);
    });

    it('treats a spent token as reuse and revokes the whole family, including the newest token', async () => {
      const { token, row } = await repo().issue(userId, orgId, TTL, 1000);
      const first = await repo().rotate(token, TTL, 2000);
      if (first.kind !== 'rotated') throw new Error('expected rotation');
      expect(await repo().rotate(token, TTL, 3000)).toEqual({ kind: 'reused', familyId: row.family_id });
      expect(await repo().rotate(first.token, TTL, 3001)).toEqual({ kind: 'invalid' });
      expect((await repo().findFamily(row.family_id)).every((r) => r.revoked_at !== null)).toBe(true);
    });

    it('refuses unknown and expired tokens without revoking anything', async () => {
      expect(await repo().rotate('ethr_unknown', TTL, 1)).toEqual({ kind: 'invalid' });
      const { token, row } = await repo().issue(userId, orgId, TTL, 1000);
      expect(await repo().rotate(token, TTL, 1000 + TTL)).toEqual({ kind: 'invalid' });
      expect((await repo().findFamily(row.family_id))[0].revoked_at).toBeNull();
    });

    it('lets exactly one of two concurrent rotations of the same token win', async () => {
      const { token } = await repo().issue(userId, orgId, TTL, 1000);
      const outcomes = await Promise.all([repo().rotate(token, TTL, 2000), repo().rotate(token, TTL, 2000)]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['reused', 'rotated']);
    });

    it('logout revokes the family; revokeAllForUser revokes every live token', async () => {
      const { token, row } = await repo().issue(userId, orgId, TTL, 1000);
      expect(await repo().revokeFamilyOf(token, 5)).toBe(true);
      expect((await repo().findFamily(row.family_id))[0].revoked_at).toBe(5);
      expect(await repo().revokeFamilyOf('ethr_nope')).toBe(false);
      await repo().issue(userId, orgId, TTL, 1000);
      expect(await repo().revokeAllForUser(userId, 6)).toBeGreaterThanOrEqual(1);
      expect(await repo().revokeAllForUser(userId, 7)).toBe(0);
    });
  });
}
