import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp, type TestUser } from '../helper.ts';
import { DIALECTS } from '../dialects.ts';

for (const dialect of DIALECTS)
  describe(`/v1/users on ${dialect.name}`, () => {
    let t: TestApp;
    let analyst: TestUser;
    let viewer: TestUser;
    let otherAdmin: TestUser;
    beforeAll(async () => {
      t = await build({}, dialect);
      analyst = await t.createUser('analyst');
      viewer = await t.createUser('viewer');
      otherAdmin = await t.createOrg();
    });
    afterAll(() => t.close());

    it('lets an admin create a user with a generated password (returned once) who can then log in', async () => {
      const res = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: 'New@Example.test', role: 'analyst' },
      });
      expect(res.statusCode).toBe(201);
      const { user, initialPassword } = res.json();
      expect(user).toMatchObject({
        email: 'new@example.test',
        name: 'New',
        role: 'analyst',
        orgId: t.admin.orgId,
        active: true,
        deactivatedAt: null,
      });
      expect(initialPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect((await t.login({ email: 'new@example.test', password: initialPassword })).accessToken).toBeTruthy();
      const dup = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: 'new@example.test', role: 'viewer' },
      });
      expect([dup.statusCode, dup.json().code]).toEqual([409, 'BE_ERR_EMAIL_TAKEN']);
    });

    it('does not return a password it did not generate', async () => {
      const res = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: 'chosen@example.test', role: 'viewer', password: 'a-chosen-password-1' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).not.toHaveProperty('initialPassword');
    });

    it('is admin only: analysts and viewers get 403 BE_ERR_FORBIDDEN', async () => {
      for (const who of [analyst, viewer]) {
        const res = await t.injectAs(who, { url: '/v1/users' });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
          statusCode: 403,
          code: 'BE_ERR_FORBIDDEN',
          error: 'Forbidden',
          message: `This action requires the admin role (you are ${who.role})`,
        });
      }
    });

    it("lists only the caller's organisation and hides other organisations' users (404)", async () => {
      const list = await t.injectAs(t.admin, { url: '/v1/users?limit=100' });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.every((u: { orgId: string }) => u.orgId === t.admin.orgId)).toBe(true);
      expect(list.json().items.map((u: { id: string }) => u.id)).not.toContain(otherAdmin.id);
      for (const req of [
        { url: `/v1/users/${otherAdmin.id}` },
        { method: 'PATCH' as const, url: `/v1/users/${otherAdmin.id}`, payload: { role: 'viewer' } },
        { method: 'POST' as const, url: `/v1/users/${otherAdmin.id}/deactivate` },
      ]) {
        const res = await t.injectAs(t.admin, req);
        expect([res.statusCode, res.json().code]).toEqual([404, 'BE_ERR_USER_NOT_FOUND']);
      }
    });

    it('rejects wrong types and unknown fields with 400 naming the field', async () => {
      const bad = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: 'x@y.test', role: 'root' },
      });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'BE_ERR_VALIDATION']);
      expect(bad.json().message).toMatch(/^body\/role /);
      const extra = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: 'x@y.test', role: 'viewer', admin: true },
      });
      expect(extra.json()).toMatchObject({
        statusCode: 400,
        code: 'BE_ERR_VALIDATION',
        message: 'body must NOT have additional properties',
      });
      const id = await t.injectAs(t.admin, { url: '/v1/users/not-a-uuid' });
      expect(id.json()).toMatchObject({
        statusCode: 400,
        code: 'BE_ERR_VALIDATION',
        message: 'params/id must match format "uuid"',
      });
      const page = await t.injectAs(t.admin, { url: '/v1/users?limit=abc' });
      expect(page.json()).toMatchObject({
        statusCode: 400,
        code: 'BE_ERR_VALIDATION',
        message: 'querystring/limit must be integer',
      });
    });

    it("changes a role, and the new role applies to the user's existing token at once", async () => {
      const u = await t.createUser('viewer');
      expect((await t.injectAs(u, { url: '/v1/auth/me' })).json().role).toBe('viewer');
      const res = await t.injectAs(t.admin, {
        method: 'PATCH',
        url: `/v1/users/${u.id}`,
        payload: { role: 'analyst' },
      });
      expect([res.statusCode, res.json().role]).toEqual([200, 'analyst']);
      expect((await t.injectAs(u, { url: '/v1/auth/me' })).json().role).toBe('analyst');
    });

    it('keeps the last active admin: demoting or deactivating them is 409 BE_ERR_LAST_ADMIN', async () => {
      const demote = await t.injectAs(otherAdmin, {
        method: 'PATCH',
        url: `/v1/users/${otherAdmin.id}`,
        payload: { role: 'viewer' },
      });
      expect([demote.statusCode, demote.json().code]).toEqual([409, 'BE_ERR_LAST_ADMIN']);
      const off = await t.injectAs(otherAdmin, { method: 'POST', url: `/v1/users/${otherAdmin.id}/deactivate` });
      expect([off.statusCode, off.json().code]).toEqual([409, 'BE_ERR_LAST_ADMIN']);
    });

    it("deactivation stops the user's access token, refresh token, API key and login at once", async () => {
      const u = await t.createUser('analyst');
      const session = await t.login(u);
      const key = await t.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: { authorization: `Bearer ${session.accessToken}` },
        payload: { name: 'ci', role: 'analyst' },
      });
      const secret = key.json().secret;
      expect((await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': secret } })).statusCode).toBe(200);

      const off = await t.injectAs(t.admin, { method: 'POST', url: `/v1/users/${u.id}/deactivate` });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ id: u.id, active: false });

      const bearer = await t.app.inject({
        url: '/v1/auth/me',
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      expect([bearer.statusCode, bearer.json().code]).toEqual([401, 'BE_ERR_USER_DEACTIVATED']);
      const refresh = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: session.refreshToken },
      });
      expect([refresh.statusCode, refresh.json().code]).toEqual([401, 'BE_ERR_REFRESH_INVALID']);
      const apiKey = await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': secret } });
      expect([apiKey.statusCode, apiKey.json().code]).toEqual([401, 'BE_ERR_INVALID_API_KEY']);
      const login = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: u.email, password: u.password },
      });
      expect([login.statusCode, login.json().code]).toEqual([401, 'BE_ERR_USER_DEACTIVATED']);
    });
  });
