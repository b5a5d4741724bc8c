import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutMs } from '../../src/auth/login-lockout.ts';
import { build, type TestApp, type TestUser } from '../helper.ts';
import { family, scrape } from '../plugins/scrape.ts';

// Issue 17, item 5: login gets a growing lockout on repeated failures, per account and per address.
const BASE_S = 2;

describe('login lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      LOGIN_FAILURES_PER_ADDRESS: '5',
      LOGIN_LOCKOUT_BASE_MS: String(BASE_S * 1000),
      LOGIN_LOCKOUT_MAX_MS: '8000',
      LOGIN_RATE_LIMIT_MAX: '1000',
      RATE_LIMIT_ANONYMOUS_MAX: '1000',
    });
  });
  afterAll(() => t.close());
  const login = (user: Pick<TestUser, 'email'>, password: string, ip = '10.1.1.1') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: ip,
      payload: { email: user.email, password },
    });

  it('locks an account after LOGIN_FAILURES_PER_ACCOUNT wrong passwords, from any address, before checking the password', async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 3; i++)
      expect((await login(u, 'wrong password!', `10.2.0.${i}`)).json().code).toBe('BE_ERR_INVALID_CREDENTIALS');
    const locked = await login(u, u.password, '10.2.0.99');
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'BE_ERR_LOGIN_LOCKED']);
    expect(locked.json().message).toMatch(/^Too many failed logins for this account; retry in [12]s$/);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(BASE_S);
  });

  it('the browser sign-in (POST /v1/auth/session) shares the lockout, both ways', async () => {
    const u = await t.createUser('viewer');
    const signIn = (password: string, ip = '10.5.0.1') =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/session',
        remoteAddress: ip,
        payload: { email: u.email, password },
      });
    expect((await signIn('wrong password!')).json().code).toBe('BE_ERR_INVALID_CREDENTIALS');
    expect((await login(u, 'wrong password!', '10.5.0.2')).json().code).toBe('BE_ERR_INVALID_CREDENTIALS');
    expect((await signIn('wrong password!', '10.5.0.3')).json().code).toBe('BE_ERR_INVALID_CREDENTIALS');
    expect((await signIn(u.password, '10.5.0.4')).json().code).toBe('BE_ERR_LOGIN_LOCKED');
    expect((await login(u, u.password, '10.5.0.5')).json().code).toBe('BE_ERR_LOGIN_LOCKED');
  });

  it('doubles the lock with each further failure', async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 3; i++) await login(u, 'wrong password!');
    const first = Number((await login(u, 'wrong password!')).headers['retry-after']);
    await new Promise((resolve) => setTimeout(resolve, first * 1000 + 100));
    expect((await login(u, 'wrong password!')).json().code).toBe('BE_ERR_INVALID_CREDENTIALS');
    const second = await login(u, u.password);
    expect(second.json().code).toBe('BE_ERR_LOGIN_LOCKED');
    // Twice the first lock (less the moment since the failure was counted).
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(2 * BASE_S - 1);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(2 * BASE_S);
  });

  it('locks an address after LOGIN_FAILURES_PER_ADDRESS failures over any accounts; other addresses log in', async () => {
    const ip = '10.3.3.3';
    for (let i = 0; i < 5; i++)
      expect((await login({ email: `nobody${i}@example.test` }, 'guess guess', ip)).statusCode).toBe(401);
    const u = await t.createUser('viewer');
    const locked = await login(u, u.password, ip);
    expect([locked.statusCode, locked.json().code, locked.json().message]).toEqual([
      429,
      'BE_ERR_LOGIN_LOCKED',
      expect.stringContaining('this address'),
    ]);
    expect((await login(u, u.password, '10.3.3.4')).statusCode).toBe(200);
  });

  it("a successful login forgets its account's failures", async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 2; i++) await login(u, 'wrong password!', `10.4.0.${i}`);
    expect((await login(u, u.password, '10.4.1.1')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(u, 'wrong password!', `10.4.2.${i}`)).statusCode).toBe(401);
    expect((await login(u, u.password, '10.4.1.1')).statusCode).toBe(200);
  });

  it('counts wrong passwords and lockout refusals by scope', async () => {
    const s = await scrape(t);
    expect(family(s, 'ethixai_auth_failures_total')['credential=password']).toBeGreaterThanOrEqual(18);
    expect(family(s, 'ethixai_auth_throttled_total')).toMatchObject({
      'credential=password,scope=account': 5,
      'credential=password,scope=address': 1,
    });
  });
});

describe('lockoutMs', () => {
  it('is base at the threshold, doubles per failure after it, and stops at the cap', () => {
    const settings = {
      perAccount: 5,
      perAddress: 20,
      failureWindowMs: 3_600_000,
      lockoutBaseMs: 60_000,
      lockoutMaxMs: 900_000,
    };
    expect([5, 6, 7, 8, 9, 10, 1000].map((n) => lockoutMs(settings, n, 5))).toEqual([
      60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
  });
});
