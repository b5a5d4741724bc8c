import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { build, type TestApp } from '../helper.ts';
import { createKeyRing, generateSigningJwk } from '../../src/auth/signing-keys.ts';

describe('auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ LOGIN_RATE_LIMIT_MAX: '1000' });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });

  it('logs in with email and password: a 15-minute EdDSA JWT with kid, and a refresh token', async () => {
    const res = await post('/v1/auth/login', { email: t.admin.email.toUpperCase(), password: t.admin.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 604_800 });
    const header = JSON.parse(Buffer.from(body.accessToken.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', kid: t.app.keyRing.signingKid, typ: 'at+jwt' });
    expect(body.refreshToken).toMatch(/^ethr_/);
    const me = await t.app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.json()).toEqual({
      kind: 'user',
      id: t.admin.id,
      orgId: t.admin.orgId,
      role: 'admin',
      email: t.admin.email,
      name: 'Administrator',
    });
  });

  it('answers a wrong password and an unknown email alike: 401 BE_ERR_INVALID_CREDENTIALS', async () => {
    for (const payload of [
      { email: t.admin.email, password: 'wrong' },
      { email: 'nobody@example.test', password: 'wrong' },
    ]) {
      const res = await post('/v1/auth/login', payload);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        statusCode: 401,
        code: 'BE_ERR_INVALID_CREDENTIALS',
        error: 'Unauthorized',
        message: 'Email or password is wrong',
      });
    }
  });

  it('validates the login body: 400 BE_ERR_VALIDATION naming the field', async () => {
    const res = await post('/v1/auth/login', { email: 'not-an-email', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BE_ERR_VALIDATION');
    expect(res.json().message).toBe('body/email must match format "email"');
  });

  it('rejects missing, garbled, forged, foreign-key and expired access tokens with exact codes', async () => {
    const me = (authorization?: string) =>
      t.app.inject({ url: '/v1/auth/me', headers: authorization ? { authorization } : {} });
    expect((await me()).json().code).toBe('BE_ERR_UNAUTHENTICATED');
    expect((await me('Basic abc')).json().code).toBe('BE_ERR_UNAUTHENTICATED');
    expect((await me('Bearer not.a.jwt')).json().code).toBe('BE_ERR_INVALID_TOKEN');

    const claims = { org: t.admin.orgId, role: 'admin' };
    const otherRing = await createKeyRing(JSON.stringify([await generateSigningJwk()]));
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: t.app.keyRing.signingKid, typ: 'at+jwt' })
      .setSubject(t.admin.id)
      .setIssuer('ethixai-backend')
      .setAudience('ethixai-backend')
      .setExpirationTime('5m')
      .sign(otherRing.signingKey);
    const forged = await me(`Bearer ${foreign}`);
    expect([forged.statusCode, forged.json().code]).toEqual([401, 'BE_ERR_INVALID_TOKEN']);

    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: t.app.keyRing.signingKid, typ: 'at+jwt' })
      .setSubject(t.admin.id)
      .setIssuer('ethixai-backend')
      .setAudience('ethixai-backend')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(t.app.keyRing.signingKey);
    // A JWT of another type (e.g. an ID token) signed with our key is not an access token.
    const untyped = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: t.app.keyRing.signingKid })
      .setSubject(t.admin.id)
      .setIssuer('ethixai-backend')
      .setAudience('ethixai-backend')
      .setExpirationTime('5m')
      .sign(t.app.keyRing.signingKey);
    expect((await me(`Bearer ${untyped}`)).json().code).toBe('BE_ERR_INVALID_TOKEN');

    const res = await me(`Bearer ${expired}`);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'BE_ERR_TOKEN_EXPIRED',
      error: 'Unauthorized',
      message: 'Access token has expired',
    });
  });

  it('rotates refresh tokens; reusing a spent one is 401 BE_ERR_REFRESH_REUSED and revokes the family', async () => {
    const { refreshToken: r1 } = await t.login(t.admin);
    const second = await post('/v1/auth/refresh', { refreshToken: r1 });
    expect(second.statusCode).toBe(200);
    const r2 = second.json().refreshToken;
    expect(r2).not.toBe(r1);

    const reuse = await post('/v1/auth/refresh', { refreshToken: r1 });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('BE_ERR_REFRESH_REUSED');
    // The legitimate successor died with its family.
    const after = await post('/v1/auth/refresh', { refreshToken: r2 });
    expect([after.statusCode, after.json().code]).toEqual([401, 'BE_ERR_REFRESH_INVALID']);
  });

  it('logout revokes the refresh token (204), then it no longer refreshes', async () => {
    const { refreshToken } = await t.login(t.admin);
    expect((await post('/v1/auth/logout', { refreshToken })).statusCode).toBe(204);
    const res = await post('/v1/auth/refresh', { refreshToken });
    expect([res.statusCode, res.json().code]).toEqual([401, 'BE_ERR_REFRESH_INVALID']);
    const again = await post('/v1/auth/logout', { refreshToken: 'ethr_unknown' });
    expect([again.statusCode, again.json().code]).toEqual([401, 'BE_ERR_REFRESH_INVALID']);
  });

  it('serves the public JWKS without private parts', async () => {
    const res = await t.app.inject({ url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().keys).toEqual([
      expect.objectContaining({ kid: t.app.keyRing.signingKid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' }),
    ]);
    expect(res.json().keys[0]).not.toHaveProperty('d');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ LOGIN_RATE_LIMIT_MAX: '3' });
  });
  afterAll(() => t.close());

  const attempt = (email: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: ip,
      payload: { email, password: 'wrong-password' },
    });

  it('limits attempts per IP: the 4th from one address is 429 BE_ERR_RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(`u${i}@x.test`, '10.0.0.1')).statusCode).toBe(401);
    const res = await attempt('u9@x.test', '10.0.0.1');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('BE_ERR_RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('limits attempts per account across addresses, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(t.admin.email, `10.0.1.${i}`)).statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: '10.0.1.99',
      payload: { email: t.admin.email, password: t.admin.password },
    });
    expect([res.statusCode, res.json().code]).toEqual([429, 'BE_ERR_RATE_LIMITED']);
  });
});
