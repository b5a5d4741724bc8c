import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_ALG } from '../../src/auth/signing-keys.ts';
import { build, type TestApp } from '../helper.ts';
import { family, scrape } from '../plugins/scrape.ts';

// Issue 17, item 5: requests with a bad bearer token or API key (401) were never counted, because
// the general rate limit runs after authentication. Now they are, per client address.
const BAD_TOKEN = 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
const BAD_KEY = `ethx_${'A'.repeat(43)}`;

describe('failed authentications per address, behind a trusted proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ AUTH_FAILURES_MAX: '3', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());
  const from = (ip: string, headers: Record<string, string>) =>
    t.app.inject({ url: '/v1/auth/me', headers: { 'x-forwarded-for': ip, ...headers } });

  it('answers 401 up to AUTH_FAILURES_MAX failures, then 429 BE_ERR_AUTH_THROTTLED with Retry-After, before looking at credentials', async () => {
    const ip = '203.0.113.7';
    const answers = [
      await from(ip, { authorization: BAD_TOKEN }),
      await from(ip, { 'x-api-key': BAD_KEY }),
      await from(ip, { authorization: BAD_TOKEN }),
    ];
    expect(answers.map((r) => r.json().code)).toEqual([
      'BE_ERR_INVALID_TOKEN',
      'BE_ERR_INVALID_API_KEY',
      'BE_ERR_INVALID_TOKEN',
    ]);
    const throttled = await from(ip, { authorization: BAD_TOKEN });
    expect([throttled.statusCode, throttled.json().code]).toEqual([429, 'BE_ERR_AUTH_THROTTLED']);
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter >= 1 && retryAfter <= 900).toBe(true);
    expect(throttled.headers['x-content-type-options']).toBe('nosniff');
    // Refused before the credentials are checked: a guess that happens to be right is refused too.
    const token = (await t.login(t.admin)).accessToken;
    expect((await from(ip, { authorization: `Bearer ${token}` })).statusCode).toBe(429);
    expect((await from(ip, { 'x-api-key': BAD_KEY })).json().code).toBe('BE_ERR_AUTH_THROTTLED');
    // Another client address behind the same proxy is unaffected.
    expect((await from('203.0.113.8', { authorization: BAD_TOKEN })).json().code).toBe('BE_ERR_INVALID_TOKEN');
    expect((await from('203.0.113.8', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
  });

  it('does not count credentials that were real: an expired token, a missing header', async () => {
    const ip = '203.0.113.20';
    const ring = t.app.keyRing;
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ org: t.admin.orgId, role: 'admin' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: ring.signingKid, typ: 'at+jwt' })
      .setSubject(t.admin.id)
      .setIssuer('ethixai-backend')
      .setAudience('ethixai-backend')
      .setIssuedAt(now - 1000)
      .setExpirationTime(now - 100)
      .sign(ring.signingKey);
    for (let i = 0; i < 5; i++)
      expect((await from(ip, { authorization: `Bearer ${expired}` })).json().code).toBe('BE_ERR_TOKEN_EXPIRED');
    for (let i = 0; i < 5; i++) expect((await from(ip, {})).json().code).toBe('BE_ERR_UNAUTHENTICATED');
    expect((await from(ip, { authorization: BAD_TOKEN })).json().code).toBe('BE_ERR_INVALID_TOKEN');
  });

  it('counts failures and refusals in ethixai_auth_failures_total and ethixai_auth_throttled_total', async () => {
    const s = await scrape(t);
    expect(family(s, 'ethixai_auth_failures_total')).toMatchObject({
      'credential=access_token': 4,
      'credential=api_key': 1,
    });
    expect(family(s, 'ethixai_auth_throttled_total')).toMatchObject({
      'credential=access_token,scope=address': 2,
      'credential=api_key,scope=address': 1,
    });
  });
});

describe('failed authentications without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ AUTH_FAILURES_MAX: '2' });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: a client cannot spread its failures over made-up addresses', async () => {
    const codes = [];
    for (const xff of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      codes.push(
        (
          await t.app.inject({
            url: '/v1/auth/me',
            remoteAddress: '192.0.2.50',
            headers: { 'x-forwarded-for': xff, authorization: BAD_TOKEN },
          })
        ).json().code,
      );
    }
    expect(codes).toEqual(['BE_ERR_INVALID_TOKEN', 'BE_ERR_INVALID_TOKEN', 'BE_ERR_AUTH_THROTTLED']);
    expect(
      (
        await t.app.inject({ url: '/v1/auth/me', remoteAddress: '192.0.2.51', headers: { authorization: BAD_TOKEN } })
      ).json().code,
    ).toBe('BE_ERR_INVALID_TOKEN');
  });
});
