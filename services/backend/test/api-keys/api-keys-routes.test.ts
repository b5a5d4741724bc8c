import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp, type TestUser } from '../helper.ts';

describe('/v1/api-keys', () => {
  let t: TestApp;
  let analyst: TestUser;
  let viewer: TestUser;
  beforeAll(async () => {
    t = await build();
    analyst = await t.createUser('analyst');
    viewer = await t.createUser('viewer');
  });
  afterAll(() => t.close());

  const create = (who: TestUser, payload: object) => t.injectAs(who, { method: 'POST', url: '/v1/api-keys', payload });

  it('returns the secret once; listings never include it; the key authenticates by either header', async () => {
    const res = await create(analyst, { name: 'pipeline', role: 'viewer' });
    expect(res.statusCode).toBe(201);
    const { apiKey, secret } = res.json();
    expect(apiKey).toMatchObject({
      name: 'pipeline',
      role: 'viewer',
      createdBy: analyst.id,
      orgId: analyst.orgId,
      rateLimitPerMinute: 100_000,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    const list = await t.injectAs(analyst, { url: '/v1/api-keys' });
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('hash');

    for (const headers of [{ 'x-api-key': secret }, { authorization: `ApiKey ${secret}` }]) {
      const me = await t.app.inject({ url: '/v1/auth/me', headers });
      expect(me.json()).toEqual({ kind: 'api_key', id: apiKey.id, orgId: analyst.orgId, role: 'viewer' });
    }
  });

  it("refuses a role above the creator's: 403 BE_ERR_ROLE_ABOVE_CREATOR", async () => {
    for (const [who, role] of [
      [analyst, 'admin'],
      [viewer, 'analyst'],
    ] as const) {
      const res = await create(who, { name: 'too much', role });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('BE_ERR_ROLE_ABOVE_CREATOR');
    }
  });

  it('a key acts with its role: a viewer key cannot administer users', async () => {
    const { secret } = (await create(t.admin, { name: 'read-only', role: 'viewer' })).json();
    const res = await t.app.inject({ url: '/v1/users', headers: { 'x-api-key': secret } });
    expect([res.statusCode, res.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
  });

  it('keys cannot mint keys', async () => {
    const { secret } = (await create(t.admin, { name: 'admin key', role: 'admin' })).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { 'x-api-key': secret },
      payload: { name: 'x', role: 'viewer' },
    });
    expect([res.statusCode, res.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
  });

  it('revoking stops the key at once; others cannot revoke keys they cannot see', async () => {
    const { apiKey, secret } = (await create(analyst, { name: 'short-lived', role: 'analyst' })).json();
    const notMine = await t.injectAs(viewer, { method: 'DELETE', url: `/v1/api-keys/${apiKey.id}` });
    expect([notMine.statusCode, notMine.json().code]).toEqual([404, 'BE_ERR_API_KEY_NOT_FOUND']);
    const other = await t.createOrg();
    const foreign = await t.injectAs(other, { method: 'DELETE', url: `/v1/api-keys/${apiKey.id}` });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'BE_ERR_API_KEY_NOT_FOUND']);

    expect((await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': secret } })).statusCode).toBe(200);
    const res = await t.injectAs(analyst, { method: 'DELETE', url: `/v1/api-keys/${apiKey.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).not.toBeNull();
    const after = await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': secret } });
    expect([after.statusCode, after.json().code]).toEqual([401, 'BE_ERR_INVALID_API_KEY']);
  });

  it('admins list every key of the organisation, others only their own', async () => {
    const all = (await t.injectAs(t.admin, { url: '/v1/api-keys' })).json().items;
    expect(new Set(all.map((k: { createdBy: string }) => k.createdBy))).toEqual(new Set([analyst.id, t.admin.id]));
    const mine = (await t.injectAs(analyst, { url: '/v1/api-keys' })).json().items;
    expect(mine.every((k: { createdBy: string }) => k.createdBy === analyst.id)).toBe(true);
  });

  it("caps a key at its creator's current role after the creator is demoted", async () => {
    const u = await t.createUser('analyst');
    const { secret } = (await create(u, { name: 'k', role: 'analyst' })).json();
    await t.injectAs(t.admin, { method: 'PATCH', url: `/v1/users/${u.id}`, payload: { role: 'viewer' } });
    expect((await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': secret } })).json().role).toBe('viewer');
  });

  it('rejects malformed and unknown keys with 401 BE_ERR_INVALID_API_KEY', async () => {
    for (const key of ['nope', `ethx_AAAAAAAA_${'A'.repeat(43)}`]) {
      const res = await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': key } });
      expect([res.statusCode, res.json().code]).toEqual([401, 'BE_ERR_INVALID_API_KEY']);
    }
  });
});
