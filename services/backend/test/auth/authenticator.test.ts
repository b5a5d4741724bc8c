import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticator.ts';
import { build, type TestApp } from '../helper.ts';

describe('authenticator cache (PRINCIPAL_CACHE_TTL_MS), as another replica sees it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(() => t.close());

  async function newKey(): Promise<{ id: string; secret: string }> {
    const res = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: `k${Math.random()}`, role: 'viewer' },
    });
    const { apiKey, secret } = res.json();
    return { id: apiKey.id, secret };
  }
  const revoke = (id: string) => t.injectAs(t.admin, { method: 'DELETE', url: `/v1/api-keys/${id}` });

  it('keeps serving a revoked key until its entry expires, then refuses it', async () => {
    const replica = createAuthenticator(t.app.db, t.app.accessTokens, 1_500);
    const key = await newKey();
    expect((await replica.fromApiKey(key.secret)).id).toBe(key.id);
    expect(replica.cachedApiKey(key.secret)?.id).toBe(key.id);
    expect((await revoke(key.id)).statusCode).toBe(200);
    expect(replica.cachedApiKey(key.secret)?.id).toBe(key.id);
    await sleep(1_600);
    expect(replica.cachedApiKey(key.secret)).toBeUndefined();
    await expect(replica.fromApiKey(key.secret)).rejects.toMatchObject({ code: 'BE_ERR_INVALID_API_KEY' });
  });

  it('caches nothing with a TTL of 0', async () => {
    const replica = createAuthenticator(t.app.db, t.app.accessTokens, 0);
    const key = await newKey();
    expect((await replica.fromApiKey(key.secret)).id).toBe(key.id);
    expect(replica.cachedApiKey(key.secret)).toBeUndefined();
    expect((await revoke(key.id)).statusCode).toBe(200);
    await expect(replica.fromApiKey(key.secret)).rejects.toMatchObject({ code: 'BE_ERR_INVALID_API_KEY' });
  });
});
