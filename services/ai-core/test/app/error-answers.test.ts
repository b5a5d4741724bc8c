/**
 * Issue 17, findings 2 and 10 on ai-core: the backend's security headers on every answer,
 * successes included; framework and parser errors in the error body; a stalled request gets 408.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHead, rawRequest } from '@ethixai/service-kit/testing';
import { AUTH, build } from '../helper.ts';
import { COLUMNS, CONFIG } from '../fixtures.ts';

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cross-origin-resource-policy']).toBe('same-site');
}

function expectErrorAnswer(
  res: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
): void {
  const body = JSON.parse(res.body);
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  expectSecurityHeaders(res.headers);
}

describe('ai-core answers', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await build({ AI_CORE_HEADERS_TIMEOUT_MS: '500', AI_CORE_REQUEST_TIMEOUT_MS: '800' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  it('carry the security headers: an analysis, /health, a 401', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: AUTH,
      payload: { config: CONFIG, data: { columns: COLUMNS } },
    });
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders(ok.headers);
    expectSecurityHeaders((await app.inject({ method: 'GET', url: '/health' })).headers);
    const denied = await app.inject({ method: 'POST', url: '/v1/analyze', payload: {} });
    expectErrorAnswer(
      { status: denied.statusCode, headers: denied.headers, body: denied.body },
      401,
      'AIC_ERR_UNAUTHORIZED',
    );
  });

  it('431, a broken URL, bytes that are not HTTP: the error body with the security headers', async () => {
    expectErrorAnswer(
      await rawRequest(port, rawHead('GET', '/health', { 'x-big': 'a'.repeat(20_000) })),
      431,
      'AIC_ERR_HEADERS_TOO_LARGE',
    );
    expectErrorAnswer(
      await rawRequest(port, rawHead('GET', '/v1/%zz', { connection: 'close' })),
      400,
      'AIC_ERR_BAD_REQUEST',
    );
    expectErrorAnswer(await rawRequest(port, 'NOT HTTP\r\n\r\n'), 400, 'AIC_ERR_BAD_REQUEST');
  });

  it('408 for a body that stalls', async () => {
    const head = rawHead('POST', '/v1/analyze', {
      ...AUTH,
      'content-type': 'application/json',
      'content-length': '500',
    });
    const res = await rawRequest(port, `${head}{"config":`);
    expectErrorAnswer(res, 408, 'AIC_ERR_REQUEST_TIMEOUT');
    expect(res.elapsedMs).toBeLessThan(5_000);
  });

  it('a confidence whose interval would be infinite is a 400, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: AUTH,
      payload: { config: { ...CONFIG, confidence: 0.9999999999999999 }, data: { columns: COLUMNS } },
    });
    expect([res.statusCode, res.json().code]).toEqual([400, 'FAIR_ERR_INVALID_CONFIG']);
  });
});
