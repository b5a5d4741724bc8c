import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type TestApp } from '../helper.ts';

describe('load shedding (@fastify/under-pressure)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Any heap is above 1 byte: once the first 1 s sample is taken, the process is "overloaded".
    t = await build({ PRESSURE_MAX_HEAP_USED_BYTES: '1', CORS_ORIGINS: 'https://ui.example.test' });
  });
  afterAll(() => t.close());

  it('answers 503 BE_ERR_OVERLOADED in the error body with Retry-After, before authentication', async () => {
    const res = await vi.waitFor(
      async () => {
        const r = await t.app.inject({ url: '/v1/auth/me', headers: { origin: 'https://ui.example.test' } });
        expect(r.statusCode).toBe(503);
        return r;
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(res.json()).toEqual({
      statusCode: 503,
      code: 'BE_ERR_OVERLOADED',
      error: 'Service Unavailable',
      message: expect.stringMatching(/^Overloaded \(heap in use \d+ MiB\); retry in 10s$/),
    });
    expect(res.headers['retry-after']).toBe('10');
    // A shed response keeps the security headers and lets the allowed origin read it.
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['access-control-allow-origin']).toBe('https://ui.example.test');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: t.admin.email, password: t.admin.password },
    });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([503, 'BE_ERR_OVERLOADED']);
  });

  it('keeps answering probes and scrapes', async () => {
    await vi.waitFor(async () => expect((await t.app.inject({ url: '/v1/auth/me' })).statusCode).toBe(503), {
      timeout: 5_000,
      interval: 100,
    });
    for (const url of ['/health', '/metrics'])
      expect((await t.app.inject({ url, headers: t.metricsAuth })).statusCode).toBe(200);
  });
});
