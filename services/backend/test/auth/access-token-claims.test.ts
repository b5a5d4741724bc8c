import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenIssuer } from '../../src/auth/access-tokens.ts';
import { createKeyRing, generateSigningJwk, SIGNING_ALG, type KeyRing } from '../../src/auth/signing-keys.ts';
import { build, type TestApp } from '../helper.ts';

const ISSUER = 'ethixai-backend';
const TTL = 900;
const SKEW = 30;
const now = () => Math.floor(Date.now() / 1000);

type Claim = 'exp' | 'iat' | 'iss' | 'aud' | 'sub';

/** A token signed with the ring's own key, with every claim the backend issues except `omit`. */
function mint(ring: KeyRing, omit: Claim[] = [], times: { iat?: number; exp?: number } = {}): Promise<string> {
  const jwt = new SignJWT({ org: 'o-1', role: 'analyst' }).setProtectedHeader({
    alg: SIGNING_ALG,
    kid: ring.signingKid,
    typ: 'at+jwt',
  });
  const iat = times.iat ?? now();
  if (!omit.includes('sub')) jwt.setSubject('u-1');
  if (!omit.includes('iss')) jwt.setIssuer(ISSUER);
  if (!omit.includes('aud')) jwt.setAudience(ISSUER);
  if (!omit.includes('iat')) jwt.setIssuedAt(iat);
  if (!omit.includes('exp')) jwt.setExpirationTime(times.exp ?? iat + TTL);
  return jwt.sign(ring.signingKey);
}

describe('access tokens must carry exp, iat, iss, aud and sub', () => {
  let ring: KeyRing;
  let issuer: ReturnType<typeof createAccessTokenIssuer>;
  beforeAll(async () => {
    ring = await createKeyRing(JSON.stringify([await generateSigningJwk()]));
    issuer = createAccessTokenIssuer(ring, ISSUER, TTL, SKEW);
  });

  it('accepts a token with every claim', async () => {
    expect(await issuer.verify(await mint(ring))).toEqual({ sub: 'u-1', org: 'o-1', role: 'analyst' });
  });

  for (const claim of ['exp', 'iat', 'iss', 'aud', 'sub'] as const) {
    it(`refuses a correctly signed token without "${claim}" (BE_ERR_INVALID_TOKEN)`, async () => {
      await expect(issuer.verify(await mint(ring, [claim]))).rejects.toMatchObject({
        code: 'BE_ERR_INVALID_TOKEN',
        statusCode: 401,
      });
    });
  }

  it('tolerates the configured clock skew on exp, and no more', async () => {
    const iat = now() - TTL;
    expect(await issuer.verify(await mint(ring, [], { iat, exp: now() - (SKEW - 10) }))).toMatchObject({ sub: 'u-1' });
    await expect(issuer.verify(await mint(ring, [], { iat, exp: now() - (SKEW + 10) }))).rejects.toMatchObject({
      code: 'BE_ERR_TOKEN_EXPIRED',
    });
    const strict = createAccessTokenIssuer(ring, ISSUER, TTL, 0);
    await expect(strict.verify(await mint(ring, [], { iat, exp: now() - (SKEW - 10) }))).rejects.toMatchObject({
      code: 'BE_ERR_TOKEN_EXPIRED',
    });
  });

  it('refuses a token issued in the future beyond the skew', async () => {
    expect(await issuer.verify(await mint(ring, [], { iat: now() + SKEW - 10 }))).toMatchObject({ sub: 'u-1' });
    await expect(issuer.verify(await mint(ring, [], { iat: now() + SKEW + 60 }))).rejects.toMatchObject({
      code: 'BE_ERR_INVALID_TOKEN',
    });
  });

  it('refuses a token older than the configured lifetime even if its own exp is far away', async () => {
    const token = await mint(ring, [], { iat: now() - TTL - SKEW - 10, exp: now() + 86_400 });
    await expect(issuer.verify(token)).rejects.toMatchObject({ code: 'BE_ERR_TOKEN_EXPIRED' });
  });
});

describe('through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ JWT_CLOCK_SKEW_SECONDS: '5' });
  });
  afterAll(() => t.close());

  it('a token without exp signed by the live key is answered 401 BE_ERR_INVALID_TOKEN', async () => {
    const ring = t.app.keyRing;
    const token = await new SignJWT({ org: t.admin.orgId, role: 'admin' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: ring.signingKid, typ: 'at+jwt' })
      .setSubject(t.admin.id)
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setIssuedAt()
      .sign(ring.signingKey);
    const res = await t.app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect([res.statusCode, res.json().code]).toEqual([401, 'BE_ERR_INVALID_TOKEN']);
  });

  it('a token the backend issued still works', async () => {
    expect((await t.injectAs(t.admin, { url: '/v1/auth/me' })).statusCode).toBe(200);
  });
});
