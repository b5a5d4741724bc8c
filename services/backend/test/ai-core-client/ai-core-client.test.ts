import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  AI_CORE_CLIENT_DEFAULTS,
  createAiCoreClient,
  type AiCoreClientOptions,
} from '../../src/ai-core-client/ai-core-client.ts';
import { AiCoreClientError } from '../../src/ai-core-client/ai-core-failures.ts';
import { upstreamErrorResponse } from '../../src/ai-core-client/upstream-reply.ts';
import { httpError } from '../../src/errors.ts';
import { deadUrl } from '../analyses/two-services.ts';

/** A scripted upstream: each test sets what /v1/analyze answers and counts the calls. */
let answer: { status: number; body: unknown; delayMs?: number; headers?: Record<string, string> } = {
  status: 200,
  body: {},
};
let calls = 0;
let upstream: FastifyInstance;
let url: string;

const options = (overrides: Partial<AiCoreClientOptions> = {}): AiCoreClientOptions => ({
  ...AI_CORE_CLIENT_DEFAULTS,
  urls: [url],
  token: 'x'.repeat(20),
  timeoutMs: 2_000,
  connections: 4,
  breakerThreshold: 3,
  halfOpenAfterMs: 60_000,
  connectRetries: 2,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  upstream = Fastify();
  upstream.post('/v1/analyze', async (request, reply) => {
    calls++;
    if (request.headers.authorization !== `Bearer ${'x'.repeat(20)}`)
      return reply
        .code(401)
        .send({ statusCode: 401, code: 'AIC_ERR_UNAUTHORIZED', error: 'Unauthorized', message: 'no' });
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    return reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .send(answer.body);
  });
  await upstream.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
});
afterAll(() => upstream.close());

describe('ai-core client', () => {
  it('returns the upstream bytes unchanged and passes a 4xx on without opening the circuit', async () => {
    const client = createAiCoreClient(options({ breakerThreshold: 1 }));
    answer = { status: 200, body: { b: 1, a: [1.5] } };
    expect(await client.analyzeJson(Buffer.from('{}'))).toEqual({
      body: Buffer.from('{"b":1,"a":[1.5]}'),
      summary: null,
    });
    answer = {
      status: 400,
      body: { statusCode: 400, code: 'FAIR_ERR_COLUMN_NOT_FOUND', error: 'Bad Request', message: 'no column x' },
    };
    for (let i = 0; i < 3; i++) {
      const error = await failure(client.analyzeJson(Buffer.from('{}')));
      expect(error).toBeInstanceOf(AiCoreClientError);
      expect(upstreamErrorResponse(error as AiCoreClientError).statusCode).toBe(400);
      expect((error as AiCoreClientError).code).toBe('FAIR_ERR_COLUMN_NOT_FOUND');
    }
    expect(client.circuitState).toBe(0);
    await client.close();
  });

  it("reads the result summary from ai-core's x-ethixai-* headers, and ignores malformed ones", async () => {
    const client = createAiCoreClient(options());
    const headers = {
      'x-ethixai-verdict': 'fail',
      'x-ethixai-risk': 'high',
      'x-ethixai-rows': '1000',
      'x-ethixai-engine-version': '1.2.3',
      'x-ethixai-input-digest': 'mix64:00ff',
    };
    answer = { status: 200, body: { a: 1 }, headers };
    expect((await client.analyzeJson(Buffer.from('{}'))).summary).toEqual({
      verdict: 'fail',
      riskLevel: 'high',
      rows: 1000,
      engineVersion: '1.2.3',
      inputDigest: 'mix64:00ff',
    });
    answer = { status: 200, body: { a: 1 }, headers: { ...headers, 'x-ethixai-input-digest': '' } };
    expect((await client.analyzeJson(Buffer.from('{}'))).summary).toMatchObject({ inputDigest: '' });
    for (const bad of [
      { 'x-ethixai-verdict': 'maybe' },
      { 'x-ethixai-risk': 'none' },
      { 'x-ethixai-rows': '-1' },
      { 'x-ethixai-rows': '' },
      { 'x-ethixai-engine-version': '' },
    ]) {
      answer = { status: 200, body: { a: 1 }, headers: { ...headers, ...bad } };
      expect((await client.analyzeJson(Buffer.from('{}'))).summary).toBeNull();
    }
    await client.close();
  });

  it('maps 5xx to 502 and opens the circuit after consecutive failures: then 503 without calling ai-core', async () => {
    const client = createAiCoreClient(options());
    answer = { status: 500, body: { statusCode: 500, code: 'AIC_ERR_INTERNAL', error: 'x', message: 'x' } };
    for (let i = 0; i < 3; i++) {
      const error = await failure(client.analyzeJson(Buffer.from('{}')));
      expect(error).toMatchObject({ code: 'BE_ERR_AI_CORE_FAILED', statusCode: 502 });
    }
    const before = calls;
    const open = await failure(client.analyzeJson(Buffer.from('{}')));
    expect(httpError.is(open)).toBe(true);
    expect(open).toMatchObject({
      code: 'BE_ERR_AI_CORE_UNAVAILABLE',
      statusCode: 503,
      headers: { 'retry-after': '60' },
    });
    expect(calls).toBe(before);
    await client.close();
  });

  it('turns ai-core refusing the service token into a 502, never a 401 for the client', async () => {
    const client = createAiCoreClient(options({ token: 'y'.repeat(20) }));
    const error = await failure(client.analyzeJson(Buffer.from('{}')));
    expect(() => upstreamErrorResponse(error as AiCoreClientError)).toThrow(
      expect.objectContaining({ code: 'BE_ERR_AI_CORE_FAILED', statusCode: 502 }),
    );
    await client.close();
  });

  it('times out slow answers as 504 with Retry-After', async () => {
    const client = createAiCoreClient(options({ timeoutMs: 200 }));
    answer = { status: 200, body: {}, delayMs: 2_500 };
    expect(await failure(client.analyzeJson(Buffer.from('{}')))).toMatchObject({
      code: 'BE_ERR_AI_CORE_TIMEOUT',
      statusCode: 504,
    });
    await client.close();
  });

  it('retries a refused connection, then answers 503 with Retry-After', async () => {
    const client = createAiCoreClient(options({ urls: [await deadUrl()], halfOpenAfterMs: 5_000 }));
    // The back-off is full jitter (0..base·2^attempt): pin the draw to its top so that a client
    // that retried must have waited, and one that did not retry would answer at once.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const started = Date.now();
    const error = await failure(client.analyzeJson(Buffer.from('{}')));
    expect(error).toMatchObject({
      code: 'BE_ERR_AI_CORE_UNAVAILABLE',
      statusCode: 503,
      headers: { 'retry-after': '5' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50); // at least one back-off before giving up
    random.mockRestore();
    await client.close();
  });
});
