import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS } from '../dialects.ts';

describe('security headers, CORS, OpenAPI, health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ CORS_ORIGINS: 'https://ui.example.test' });
  });
  afterAll(() => t.close());

  it('sends HSTS, CSP and nosniff', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same full security header set on successes, 401s and 404s', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const health = await t.app.inject({ url: '/health' });
    const unauthenticated = await t.app.inject({ url: '/v1/auth/me' });
    const missing = await t.app.inject({ url: '/v1/no-such-route' });
    expect([health.statusCode, unauthenticated.statusCode, missing.statusCode]).toEqual([200, 401, 404]);
    for (const res of [health, unauthenticated, missing]) {
      for (const [name, value] of Object.entries(expected))
        expect(`${name}: ${res.headers[name]}`).toBe(`${name}: ${value}`);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    // The docs UI keeps its own static CSP.
    const docs = await t.app.inject({ url: '/docs/static/index.html' });
    expect(docs.headers['content-security-policy']).not.toBe(expected['content-security-policy']);
  });

  it('answers CORS only for allowlisted origins', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/auth/login',
      headers: { origin: 'https://ui.example.test', 'access-control-request-method': 'POST' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://ui.example.test');
    const bad = await t.app.inject({ url: '/health', headers: { origin: 'https://evil.example.test' } });
    expect([bad.statusCode, bad.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS: exact preflight and response headers for allowed, missing and refused origins', async () => {
    const allowed = 'https://ui.example.test';
    const exposed = 'X-Request-Id, Retry-After, Location';
    const cors = (res: { headers: Record<string, unknown> }) =>
      Object.fromEntries(Object.entries(res.headers).filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

    for (const url of ['/v1/auth/login', '/v1/no-such-route']) {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: allowed,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect([preflight.statusCode, preflight.body, preflight.headers['content-length']]).toEqual([204, '', '0']);
      expect(cors(preflight)).toEqual({
        vary: 'Origin',
        'access-control-allow-origin': allowed,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': exposed,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'Content-Type, Authorization, X-API-Key, X-Request-Id, Idempotency-Key, Prefer',
      });
    }
    for (const headers of [{ origin: allowed }, {}]) {
      const notPreflight = await t.app.inject({ method: 'OPTIONS', url: '/v1/auth/login', headers });
      // Issue 17: in the error body with the security headers, naming what is missing (was text/plain).
      expect(notPreflight.statusCode).toBe(400);
      expect(notPreflight.json()).toMatchObject({
        statusCode: 400,
        code: 'BE_ERR_BAD_REQUEST',
        message: expect.stringMatching(/preflight.*access-control-request-method/),
      });
      expect(notPreflight.headers['strict-transport-security']).toBeDefined();
    }
    const refusedPreflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/auth/login',
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'POST' },
    });
    expect([refusedPreflight.statusCode, refusedPreflight.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
    expect(cors(refusedPreflight)).toEqual({ vary: 'Origin' });

    const withOrigin = await t.app.inject({ url: '/health', headers: { origin: allowed } });
    expect(withOrigin.statusCode).toBe(200);
    expect(cors(withOrigin)).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': allowed,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': exposed,
    });
    const withoutOrigin = await t.app.inject({ url: '/health' });
    expect(cors(withoutOrigin)).toEqual({
      vary: 'Origin',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': exposed,
    });
    const refused = await t.app.inject({ url: '/v1/auth/me', headers: { origin: 'https://evil.example.test' } });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
    expect(cors(refused)).toEqual({ vary: 'Origin' });
  });

  it("CORS: the backend's own origin (the web UI) is same-origin, not refused, and gets no CORS headers", async () => {
    // light-my-request's host is localhost:80; browsers send Origin on same-origin POSTs and module scripts.
    const own = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { origin: 'http://localhost:80' },
      payload: { email: t.admin.email, password: t.admin.password },
    });
    expect(own.statusCode).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expect(own.headers['access-control-allow-credentials']).toBeUndefined();
    const otherPort = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { origin: 'http://localhost:8080' },
      payload: { email: t.admin.email, password: 'x' },
    });
    expect([otherPort.statusCode, otherPort.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
  });

  it('serves an OpenAPI document generated from the route schemas at /docs/json, without credentials', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/auth/login',
      '/v1/auth/refresh',
      '/v1/auth/logout',
      '/v1/auth/me',
      '/v1/users/',
      '/v1/users/{id}',
      '/v1/api-keys/',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'password',
    ]);
    expect(doc.paths['/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/v1/auth/me'].get.security).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect((await t.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it("/health and /ready are public; /metrics needs the scrape token, not a user's credentials", async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', service: 'ethixai-backend' });
    expect((await t.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });
    const anonymous = await t.app.inject({ url: '/metrics' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'BE_ERR_METRICS_UNAUTHORIZED']);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(anonymous.headers['x-content-type-options']).toBe('nosniff');
    expect(anonymous.body).not.toContain('http_requests_total');
    expect((await t.injectAs(t.admin, { url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-scrape-token-at-all' } }))
        .statusCode,
    ).toBe(401);
    const metrics = await t.app.inject({ url: '/metrics', headers: t.metricsAuth });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_requests_total');
  });
});

for (const dialect of DIALECTS) {
  describe(`database outage on ${dialect.name}`, () => {
    it('/ready and requests needing the database answer 503 (never 500) while /health stays 200', async () => {
      const t = await build({}, dialect);
      try {
        await t.app.dbHandle.close();
        const ready = await t.app.inject({ url: '/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json().status).toBe('not_ready');
        expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
        const login = await t.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: t.admin.email, password: t.admin.password },
        });
        expect(login.statusCode).toBe(503);
        expect(login.json()).toEqual({
          statusCode: 503,
          code: 'BE_ERR_NOT_READY',
          error: 'Service Unavailable',
          message: 'The database is unavailable; retry shortly',
        });
        expect(login.headers['retry-after']).toBe('5');
      } finally {
        await t.close();
      }
    });
  });
}
