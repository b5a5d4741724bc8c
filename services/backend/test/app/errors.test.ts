import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';
import { toErrorBody } from '../../src/plugins/error-handler.ts';
import { httpError, BACKEND_ERRORS } from '../../src/errors.ts';

describe('error responses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  it('malformed JSON is 400 BE_ERR_MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BE_ERR_MALFORMED_JSON', error: 'Bad Request' });
    expect(res.json().message).toBe("Body is not valid JSON but content-type is set to 'application/json'");
  });

  it('wrong types are 400 BE_ERR_VALIDATION naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'a@b.test', password: { $ne: '' } },
    });
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'BE_ERR_VALIDATION',
      error: 'Bad Request',
      message: 'body/password must be string',
    });
    const missing = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.test' } });
    expect(missing.json().message).toBe("body must have required property 'password'");
  });

  it('a body over the limit is 413 BE_ERR_BODY_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'a@b.test', password: 'x'.repeat(4096) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BE_ERR_BODY_TOO_LARGE');
  });

  it('an unsupported content type is 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect([res.statusCode, res.json().code]).toEqual([415, 'BE_ERR_UNSUPPORTED_MEDIA_TYPE']);
  });

  it('an unknown route is 404 BE_ERR_NOT_FOUND, with or without credentials', async () => {
    const anon = await t.app.inject({ url: '/v1/nothing-here?x=1' });
    expect(anon.json()).toEqual({
      statusCode: 404,
      code: 'BE_ERR_NOT_FOUND',
      error: 'Not Found',
      message: 'Route GET /v1/nothing-here not found',
    });
    expect((await t.injectAs(t.admin, { method: 'DELETE', url: '/v1/nothing-here' })).statusCode).toBe(404);
  });

  it("every response carries x-request-id, echoing the caller's", async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
    expect((await t.app.inject({ url: '/health' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('toErrorBody', () => {
  it('never sends a 5xx message to the client', () => {
    expect(toErrorBody(new Error('db password is hunter2')).body).toEqual({
      statusCode: 500,
      code: 'BE_ERR_INTERNAL',
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });

  it("keeps a catalogue error's code, status and headers", () => {
    const { body, headers } = toErrorBody(
      httpError('BE_ERR_RATE_LIMITED', 'slow down', { headers: { 'retry-after': '7' } }),
    );
    expect(body).toEqual({
      statusCode: 429,
      code: 'BE_ERR_RATE_LIMITED',
      error: 'Too Many Requests',
      message: 'slow down',
    });
    expect(headers).toEqual({ 'retry-after': '7' });
  });

  it('every catalogue code is BE_ERR_-prefixed with a 4xx/5xx status', () => {
    for (const [code, { status }] of Object.entries(BACKEND_ERRORS)) {
      expect(code).toMatch(/^BE_ERR_[A-Z0-9_]+$/);
      expect(status >= 400 && status <= 599).toBe(true);
    }
  });
});
