import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { build, type TestApp } from '../helper.ts';
import { CSRF_COOKIE, REFRESH_COOKIE } from '../../src/browser-session/session-cookies.ts';

type Cookie = {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  path?: string;
  maxAge?: number;
};

const cookieOf = (res: LightMyRequestResponse, name: string) => (res.cookies as Cookie[]).find((c) => c.name === name);

describe('browser session routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ LOGIN_RATE_LIMIT_MAX: '1000' });
  });
  afterAll(() => t.close());

  const signIn = () =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/session',
      payload: { email: t.admin.email, password: t.admin.password },
    });
  const refresh = (refreshToken: string | undefined, csrf: string | undefined) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/session/refresh',
      cookies: refreshToken === undefined ? {} : { [REFRESH_COOKIE]: refreshToken },
      headers: csrf === undefined ? {} : { 'x-csrf-token': csrf },
    });

  it('signs in with the refresh token in an httpOnly Secure SameSite=Strict cookie, never in the body', async () => {
    const res = await signIn();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'csrfToken', 'expiresIn', 'tokenType']);
    expect(res.body).not.toContain('ethr_');
    expect(res.headers['cache-control']).toBe('no-store');
    const session = cookieOf(res, REFRESH_COOKIE)!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: 604_800 });
    expect(session.value).toMatch(/^ethr_/);
    expect(cookieOf(res, CSRF_COOKIE)).toMatchObject({
      value: body.csrfToken,
      secure: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(cookieOf(res, CSRF_COOKIE)!.httpOnly).toBeUndefined();
    const me = await t.app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.json()).toMatchObject({ id: t.admin.id, role: 'admin' });
  });

  it('refreshes only with the CSRF token of the presented cookie, and rotates both cookies', async () => {
    const first = await signIn();
    const token = cookieOf(first, REFRESH_COOKIE)!.value;
    const { csrfToken } = first.json();
    const other = (await signIn()).json().csrfToken;

    for (const csrf of [undefined, '', other, csrfToken.slice(1), `${csrfToken}x`]) {
      const res = await refresh(token, csrf);
      expect(res.statusCode, String(csrf)).toBe(403);
      expect(res.json().code).toBe('BE_ERR_CSRF_INVALID');
    }
    const missing = await refresh(undefined, csrfToken);
    expect([missing.statusCode, missing.json().code]).toEqual([401, 'BE_ERR_REFRESH_INVALID']);

    const res = await refresh(token, csrfToken);
    expect(res.statusCode, res.body).toBe(200);
    const rotated = cookieOf(res, REFRESH_COOKIE)!.value;
    expect(rotated).not.toBe(token);
    expect(res.json().csrfToken).toBe(cookieOf(res, CSRF_COOKIE)!.value);
    expect(res.json().csrfToken).not.toBe(csrfToken);

    // The spent cookie replayed: the whole family is revoked and the browser told to drop both cookies.
    const reuse = await refresh(token, csrfToken);
    expect([reuse.statusCode, reuse.json().code]).toEqual([401, 'BE_ERR_REFRESH_REUSED']);
    expect(cookieOf(reuse, REFRESH_COOKIE)).toMatchObject({ value: '', maxAge: 0 });
    expect((await refresh(rotated, res.json().csrfToken)).statusCode).toBe(401);
  });

  it('signs out: CSRF checked, the session revoked, the cookies cleared; a second sign-out still succeeds', async () => {
    const res = await signIn();
    const token = cookieOf(res, REFRESH_COOKIE)!.value;
    const { csrfToken } = res.json();
    const out = (csrf: string | undefined) =>
      t.app.inject({
        method: 'DELETE',
        url: '/v1/auth/session',
        cookies: { [REFRESH_COOKIE]: token },
        headers: csrf ? { 'x-csrf-token': csrf } : {},
      });
    expect((await out(undefined)).statusCode).toBe(403);
    const done = await out(csrfToken);
    expect(done.statusCode).toBe(204);
    expect(cookieOf(done, REFRESH_COOKIE)).toMatchObject({ value: '', maxAge: 0, path: '/' });
    expect(cookieOf(done, CSRF_COOKIE)).toMatchObject({ value: '', maxAge: 0, path: '/' });
    expect((await refresh(token, csrfToken)).json().code).toBe('BE_ERR_REFRESH_INVALID');
    expect((await out(csrfToken)).statusCode).toBe(204);
  });

  it('does not read cookies anywhere else: an API route with only the session cookie is 401', async () => {
    const token = cookieOf(await signIn(), REFRESH_COOKIE)!.value;
    const res = await t.app.inject({ url: '/v1/datasets', cookies: { [REFRESH_COOKIE]: token } });
    expect([res.statusCode, res.json().code]).toEqual([401, 'BE_ERR_UNAUTHENTICATED']);
  });

  it('refuses a wrong password like /v1/auth/login, with no cookie set', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/session',
      payload: { email: t.admin.email, password: 'wrong' },
    });
    expect([res.statusCode, res.json().code]).toEqual([401, 'BE_ERR_INVALID_CREDENTIALS']);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
