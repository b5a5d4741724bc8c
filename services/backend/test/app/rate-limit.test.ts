import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';

describe('rate limits per principal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ RATE_LIMIT_USER_MAX: '3', RATE_LIMIT_ANONYMOUS_MAX: '5', LOGIN_RATE_LIMIT_MAX: '50' });
  });
  afterAll(() => t.close());

  it('a user gets 429 BE_ERR_RATE_LIMITED with Retry-After after RATE_LIMIT_USER_MAX requests; others are unaffected', async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 3; i++) expect((await t.injectAs(u, { url: '/v1/auth/me' })).statusCode).toBe(200);
    const res = await t.injectAs(u, { url: '/v1/auth/me' });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ statusCode: 429, code: 'BE_ERR_RATE_LIMITED', error: 'Too Many Requests' });
    const retry = Number(res.headers['retry-after']);
    expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true);
    const other = await t.createUser('viewer');
    expect((await t.injectAs(other, { url: '/v1/auth/me' })).statusCode).toBe(200);
  });

  it("counts a user's requests to every route together (RATE_LIMIT_USER_MAX is a total)", async () => {
    const u = await t.createUser('viewer');
    const statuses = [];
    for (const url of ['/v1/auth/me', '/v1/reports', '/v1/models', '/v1/auth/me'])
      statuses.push((await t.injectAs(u, { url })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('an API key has its own per-key limit, independent of the user limit', async () => {
    const res = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'tight', role: 'viewer', rateLimitPerMinute: 2 },
    });
    const loose = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'machine', role: 'viewer' },
    });
    const tight = res.json().secret;
    for (let i = 0; i < 2; i++)
      expect((await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': tight } })).statusCode).toBe(200);
    const limited = await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': tight } });
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'BE_ERR_RATE_LIMITED']);
    expect(limited.headers['retry-after']).toBeDefined();
    // The default key limit (100,000/min) is far above the user limit of 3.
    for (let i = 0; i < 20; i++) {
      expect(
        (await t.app.inject({ url: '/v1/auth/me', headers: { 'x-api-key': loose.json().secret } })).statusCode,
      ).toBe(200);
    }
  });

  it('anonymous traffic (public routes, unknown URLs) is limited per IP', async () => {
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ url: '/nope', remoteAddress: '10.9.9.9' })).statusCode).toBe(404);
    const res = await t.app.inject({ url: '/nope', remoteAddress: '10.9.9.9' });
    expect([res.statusCode, res.json().code]).toEqual([429, 'BE_ERR_RATE_LIMITED']);
    expect((await t.app.inject({ url: '/nope', remoteAddress: '10.9.9.10' })).statusCode).toBe(404);
  });

  it('a refused request still names its limit: X-RateLimit-Limit, X-RateLimit-Remaining 0', async () => {
    const u = await t.createUser('viewer');
    const first = await t.injectAs(u, { url: '/v1/auth/me' });
    expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining']]).toEqual(['3', '2']);
    for (let i = 0; i < 2; i++) await t.injectAs(u, { url: '/v1/auth/me' });
    const refused = await t.injectAs(u, { url: '/v1/auth/me' });
    expect([
      refused.statusCode,
      refused.headers['x-ratelimit-limit'],
      refused.headers['x-ratelimit-remaining'],
    ]).toEqual([429, '3', '0']);
  });

  it('never throttles probes and scrapes (/health, /ready, /metrics)', async () => {
    for (let i = 0; i < 8; i++) {
      for (const url of ['/health', '/ready', '/metrics']) {
        expect((await t.app.inject({ url, remoteAddress: '10.7.7.7', headers: t.metricsAuth })).statusCode).toBe(200);
      }
    }
  });
});

// Issue 17, item 5: the documented 100 requests/min/user is the TOTAL; a class is a cap within it.
describe('rate-limit classes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ RATE_LIMIT_USER_MAX: '3', RATE_LIMIT_CLASSES: 'evaluate=2' });
  });
  afterAll(() => t.close());
  const evaluate = (u: Parameters<TestApp['injectAs']>[0]) =>
    t.injectAs(u, { method: 'POST', url: '/v1/evaluate', payload: {} });
  const me = (u: Parameters<TestApp['injectAs']>[0]) => t.injectAs(u, { url: '/v1/auth/me' });

  it('a class route counts in the user total too: class and other routes together never exceed RATE_LIMIT_USER_MAX', async () => {
    const u = await t.createUser('analyst');
    // Rate limits run before validation, so these 400s count.
    expect([(await evaluate(u)).statusCode, (await me(u)).statusCode, (await me(u)).statusCode]).toEqual([
      400, 200, 200,
    ]);
    const refused = [await evaluate(u), await me(u)];
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([
      [429, 'BE_ERR_RATE_LIMITED'],
      [429, 'BE_ERR_RATE_LIMITED'],
    ]);
    expect(refused[1]!.headers['x-ratelimit-limit']).toBe('3');
  });

  it('the class limit caps its routes within the total', async () => {
    const u = await t.createUser('analyst');
    expect([(await evaluate(u)).statusCode, (await evaluate(u)).statusCode]).toEqual([400, 400]);
    const capped = await evaluate(u);
    expect([capped.statusCode, capped.json().message]).toEqual([
      429,
      expect.stringContaining('Rate limit of 2 requests'),
    ]);
    // The refused class request used the total's last request as well.
    expect((await me(u)).statusCode).toBe(429);
  });

  it("an API key keeps its own per-key limit on class routes, not the users' class limit", async () => {
    const created = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'scorer', role: 'analyst', rateLimitPerMinute: 5 },
    });
    const key = created.json().secret as string;
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await t.app.inject({ method: 'POST', url: '/v1/evaluate', payload: {}, headers: { 'x-api-key': key } }))
          .statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
