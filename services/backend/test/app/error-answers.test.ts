/**
 * Issue 17, findings 2, 3 and 10 on the backend: every error answer, whoever produces it (a route,
 * Fastify's router, a plugin, Node's HTTP parser), is the documented error body with the security
 * headers; bad input is never a 500; JSON bodies are not coerced; a stalled request gets a 408.
 * Raw-socket cases run against the app listening on a random port.
 */
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHead, rawRequest, type RawResponse } from '@ethixai/service-kit/testing';
import { build, type TestApp } from '../helper.ts';

const ERROR_BODY = {
  statusCode: expect.any(Number),
  code: expect.stringMatching(/^BE_ERR_[A-Z0-9_]+$/),
  error: expect.any(String),
  message: expect.any(String),
};

function expectErrorAnswer(
  res: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
): void {
  expect({ status: res.status, code: JSON.parse(res.body).code }).toEqual({ status, code });
  expect(JSON.parse(res.body)).toMatchObject({ ...ERROR_BODY, statusCode: status });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

describe('backend error answers', () => {
  let t: TestApp;
  let port: number;
  let auth: string;
  beforeAll(async () => {
    t = await build({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '800' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    auth = `Bearer ${(await t.login(t.admin)).accessToken}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const raw = (bytes: string | Buffer): Promise<RawResponse> => rawRequest(port, bytes);

  it("431: headers over the limit (Node's parser)", async () => {
    expectErrorAnswer(
      await raw(rawHead('GET', '/health', { 'x-big': 'a'.repeat(20_000) })),
      431,
      'BE_ERR_HEADERS_TOO_LARGE',
    );
  });

  it("414: a path parameter over the router's limit", async () => {
    expectErrorAnswer(
      await raw(rawHead('GET', `/v1/users/${'a'.repeat(500)}`, { authorization: auth, connection: 'close' })),
      414,
      'BE_ERR_URI_TOO_LONG',
    );
  });

  it('400: broken percent-encoding in the path', async () => {
    expectErrorAnswer(
      await raw(rawHead('GET', '/v1/users/%E0%A4%A', { connection: 'close' })),
      400,
      'BE_ERR_BAD_REQUEST',
    );
  });

  it('400: bytes that are not HTTP, and a broken chunked body', async () => {
    expectErrorAnswer(await raw('NOT HTTP AT ALL\r\n\r\n'), 400, 'BE_ERR_BAD_REQUEST');
    const chunked = rawHead('PUT', '/v1/retention', {
      authorization: auth,
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expectErrorAnswer(await raw(`${chunked}zz\r\n{}\r\n0\r\n\r\n`), 400, 'BE_ERR_BAD_REQUEST');
  });

  it('408: headers that stall, and a body that stalls after its first bytes', async () => {
    const headers = await raw('GET /health HTTP/1.1\r\nhost: x\r\n');
    expectErrorAnswer(headers, 408, 'BE_ERR_REQUEST_TIMEOUT');
    const body = await raw(
      `${rawHead('PUT', '/v1/retention', { authorization: auth, 'content-type': 'application/json', 'content-length': '100' })}{"retent`,
    );
    expectErrorAnswer(body, 408, 'BE_ERR_REQUEST_TIMEOUT');
    // Within a few checking intervals of the 800 ms request timeout, never Node's 30 s default.
    expect(body.elapsedMs).toBeLessThan(5_000);
  });

  it("OPTIONS without a preflight's headers, 404, an unknown method, 413, 415: the error body", async () => {
    const inject = async (options: InjectOptions) => {
      const res = await t.app.inject(options);
      return { status: res.statusCode, headers: res.headers, body: res.body };
    };
    expectErrorAnswer(await inject({ method: 'OPTIONS', url: '/v1/users/' }), 400, 'BE_ERR_BAD_REQUEST');
    expectErrorAnswer(await inject({ method: 'GET', url: '/nowhere' }), 404, 'BE_ERR_NOT_FOUND');
    expectErrorAnswer(await inject({ method: 'PATCH', url: '/health' }), 404, 'BE_ERR_NOT_FOUND');
    expectErrorAnswer(
      await inject({
        method: 'PUT',
        url: '/v1/retention',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload: `{"x":"${'a'.repeat(2_000_000)}"}`,
      }),
      413,
      'BE_ERR_BODY_TOO_LARGE',
    );
    expectErrorAnswer(
      await inject({
        method: 'PUT',
        url: '/v1/retention',
        headers: { authorization: auth, 'content-type': 'application/xml' },
        payload: '<x/>',
      }),
      415,
      'BE_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('an offset at or above 2^63 is a 400 naming the field, not a 500', async () => {
    for (const url of ['/v1/users/', '/v1/evaluations', '/v1/models', '/v1/incidents']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `${url}?offset=9223372036854775808`,
        headers: { authorization: auth },
      });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 400, 'BE_ERR_VALIDATION']);
      expect(res.json().message).toMatch(/offset/);
    }
    const afterSeq = await t.app.inject({
      method: 'GET',
      url: '/v1/audit-log?afterSeq=99999999999999999999',
      headers: { authorization: auth },
    });
    expect([afterSeq.statusCode, afterSeq.json().code]).toEqual([400, 'BE_ERR_VALIDATION']);
  });

  it('a JSON body is never coerced: {"retentionDays": true} is a 400, "30" too; the query string still is', async () => {
    for (const retentionDays of [true, '30', [30]]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/v1/retention',
        headers: { authorization: auth },
        payload: { retentionDays },
      });
      expect([JSON.stringify(retentionDays), res.statusCode, res.json().code]).toEqual([
        JSON.stringify(retentionDays),
        400,
        'BE_ERR_VALIDATION',
      ]);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/retention', headers: { authorization: auth } })).json(),
    ).toEqual({ retentionDays: 365 });
    const query = await t.app.inject({ method: 'GET', url: '/v1/users/?limit=1', headers: { authorization: auth } });
    expect([query.statusCode, query.json().items.length]).toEqual([200, 1]);
  });
});
