import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithAdmin } from '../../src/orgs/first-admin.ts';
import { createApiKeysRepository, toApiKeyDto } from '../../src/api-keys/api-keys-repository.ts';
import { API_KEY_PATTERN, generateApiKey, sha256Hex } from '../../src/api-keys/api-key-secret.ts';
import { createUsersRepository } from '../../src/users/users-repository.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

describe('generateApiKey', () => {
  it('makes distinct keys of the documented shape whose hash is their SHA-256', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.secret).toMatch(API_KEY_PATTERN);
    expect(a.secret.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.hash).toBe(sha256Hex(a.secret));
    expect(a.secret).not.toBe(b.secret);
  });
});

for (const dialect of DIALECTS) {
  describe(`api keys repository on ${dialect.name}`, () => {
    let database: TestDatabase;
    let orgId: string;
    let userId: string;
    beforeAll(async () => {
      database = await dialect.open();
      const admin = await createOrgWithAdmin(database.handle.db, { orgName: 'A', email: 'a@a.test' });
      orgId = admin.orgId;
      userId = admin.userId;
    });
    afterAll(() => database.dispose());
    const repo = () => createApiKeysRepository(database.handle.db);
    const newKey = (name: string) => {
      const k = generateApiKey();
      return {
        orgId,
        createdBy: userId,
        name,
        prefix: k.prefix,
        hash: k.hash,
        role: 'analyst' as const,
        rateLimitPerMinute: 500,
      };
    };

    it("finds a key for authentication by hash, with its creator's state, and never exposes the hash", async () => {
      const input = newKey('ci');
      const row = await repo().create(input, 1000);
      expect(await repo().findForAuth(input.hash)).toEqual({
        id: row.id,
        org_id: orgId,
        role: 'analyst',
        rate_limit_per_min: 500,
        created_by: userId,
        revoked_at: null,
        creator_deactivated_at: null,
        creator_role: 'admin',
      });
      expect(toApiKeyDto(row)).not.toHaveProperty('key_hash');
      expect(await repo().findForAuth(sha256Hex('unknown'))).toBeUndefined();
    });

    it("lists by organisation or by creator, revokes one, and revokes all of a creator's keys", async () => {
      const other = await createUsersRepository(database.handle.db).create({
        orgId,
        email: 'o@a.test',
        name: 'o',
        passwordHash: 'h',
        role: 'analyst',
      });
      const mine = await repo().create({ ...newKey('other'), createdBy: other.id });
      expect((await repo().list(orgId)).map((k) => k.name)).toEqual(['ci', 'other']);
      expect((await repo().list(orgId, other.id)).map((k) => k.name)).toEqual(['other']);
      await repo().revoke(orgId, mine.id, 42);
      expect((await repo().findInOrg(orgId, mine.id))?.revoked_at).toBe(42);
      expect(await repo().revokeAllCreatedBy(userId, 43)).toBe(1);
      expect(await repo().revokeAllCreatedBy(userId, 44)).toBe(0);
    });

    it('records last use', async () => {
      const row = await repo().create(newKey('touch'));
      await repo().touch(row.id, 777);
      expect((await repo().findInOrg(orgId, row.id))?.last_used_at).toBe(777);
    });
  });
}
