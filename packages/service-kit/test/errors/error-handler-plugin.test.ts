import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorHandler, toErrorReply, type ErrorHandlerOptions } from '../../src/errors/error-handler-plugin.ts';
import { defineErrors, ServiceError } from '../../src/errors/service-error.ts';

const xxError = defineErrors({
  XX_ERR_UNAUTHORIZED: { status: 401, title: 'No credentials' },
  XX_ERR_BUSY: { status: 503, title: 'Busy' },
});

const OPTIONS: ErrorHandlerOptions = {
  codes: {
    validation: 'XX_ERR_VALIDATION',
    malformedJson: 'XX_ERR_MALFORMED_JSON',
    badRequest: 'XX_ERR_BAD_REQUEST',
    notFound: 'XX_ERR_NOT_FOUND',
    bodyTooLarge: 'XX_ERR_BODY_TOO_LARGE',
    unsupportedMediaType: 'XX_ERR_UNSUPPORTED_MEDIA_TYPE',
    internal: 'XX_ERR_INTERNAL',
    requestTimeout: 'XX_ERR_REQUEST_TIMEOUT',
    uriTooLong: 'XX_ERR_URI_TOO_LONG',
    headersTooLarge: 'XX_ERR_HEADERS_TOO_LARGE',
  },
  // A service's own mapping: here an engine-like error passed through with its code and details.
  translate: (err) =>
    err.code === 'ENGINE_ERR_EMPTY'
      ? new ServiceError('ENGINE_ERR_EMPTY', 400, err.message, { details: { line: 1 } })
      : undefined,
};

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  err?: { message: string };
  route?: string;
}

async function buildApp(logs: LogLine[]): Promise<FastifyInstance> {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)) as LogLine);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  await app.register(createErrorHandler(OPTIONS));
  app.post(
    '/items',
    {
      bodyLimit: 64,
      schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
    },
    async () => ({ ok: true }),
  );
  app.get('/throw/:kind', async (request) => {
    const { kind } = request.params as { kind: string };
    if (kind === 'crash') throw new Error('db password is hunter2');
    if (kind === 'busy') throw xxError('XX_ERR_BUSY', 'the queue is full', { headers: { 'retry-after': '7' } });
    if (kind === 'unauthorized') throw xxError('XX_ERR_UNAUTHORIZED');
    if (kind === 'engine') throw Object.assign(new Error('no rows'), { code: 'ENGINE_ERR_EMPTY' });
    if (kind === 'conflict') throw Object.assign(new Error('already there'), { statusCode: 409 });
    throw Object.assign(new Error('gone missing'), { statusCode: 404 });
  });
  app.post(
    '/guarded',
    {
      onRequest: async () => {
        throw xxError('XX_ERR_UNAUTHORIZED');
      },
    },
    async () => ({ ok: true }),
  );
  await app.ready();
  return app;
}

describe('the error handler plugin', () => {
  const logs: LogLine[] = [];
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(logs);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/items', headers: { 'content-type': contentType }, payload });

  it.each([
    [
      'a schema violation',
      () => post('{"other": 5}'),
      400,
      'XX_ERR_VALIDATION',
      "body must have required property 'name'",
    ],
    [
      'malformed JSON',
      () => post('{"name": '),
      400,
      'XX_ERR_MALFORMED_JSON',
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
    [
      'an empty JSON body',
      () => post(''),
      400,
      'XX_ERR_MALFORMED_JSON',
      "Body cannot be empty when content-type is set to 'application/json'",
    ],
    [
      'a body over the route limit',
      () => post(JSON.stringify({ name: 'x'.repeat(100) })),
      413,
      'XX_ERR_BODY_TOO_LARGE',
      'Request body is larger than the limit for this route',
    ],
    [
      'a media type no parser takes',
      () => post('<a/>', 'application/xml'),
      415,
      'XX_ERR_UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Media Type',
    ],
    [
      'an unknown route',
      () => app.inject({ url: '/nothing?secret=1' }),
      404,
      'XX_ERR_NOT_FOUND',
      'Route GET /nothing not found',
    ],
    ['another framework 4xx', () => app.inject({ url: '/throw/conflict' }), 409, 'XX_ERR_BAD_REQUEST', 'already there'],
    ['a thrown 404', () => app.inject({ url: '/throw/missing' }), 404, 'XX_ERR_NOT_FOUND', 'gone missing'],
    ["the service's own mapping", () => app.inject({ url: '/throw/engine' }), 400, 'ENGINE_ERR_EMPTY', 'no rows'],
  ])("maps %s to the service's code", async (_what, send, status, code, message) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code, message });
    expect(res.json().error).toBe(http.STATUS_CODES[status]);
  });

  it("keeps a ServiceError's code, status, message, headers and details", async () => {
    const busy = await app.inject({ url: '/throw/busy' });
    expect([busy.statusCode, busy.headers['retry-after'], busy.json()]).toEqual([
      503,
      '7',
      { statusCode: 503, code: 'XX_ERR_BUSY', error: 'Service Unavailable', message: 'the queue is full' },
    ]);
    expect((await app.inject({ url: '/throw/engine' })).json().details).toEqual({ line: 1 });
  });

  it('answers an unexpected failure with a generic 500 and logs the real error', async () => {
    logs.length = 0;
    const res = await app.inject({ url: '/throw/crash' });
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'XX_ERR_INTERNAL',
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    expect(res.body).not.toContain('hunter2');
    const logged = logs.filter((l) => l.msg === 'request failed');
    expect(logged.map((l) => [l.level, l.err?.message, l.route])).toEqual([
      [50, 'db password is hunter2', '/throw/:kind'],
    ]);
  });

  it('logs client errors at info with their code, except 401 and 404', async () => {
    logs.length = 0;
    await app.inject({ url: '/throw/unauthorized' });
    await app.inject({ url: '/throw/missing' });
    await app.inject({ url: '/throw/conflict' });
    // Fastify's own request lines carry no code; the handler's lines do.
    expect(logs.filter((l) => l.code !== undefined).map((l) => [l.level, l.code, l.msg])).toEqual([
      [30, 'XX_ERR_BAD_REQUEST', 'already there'],
    ]);
  });

  it('closes the connection when it answers before reading the body', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/guarded',
      headers: { 'content-type': 'application/json', 'content-length': '100000' },
    });
    request.write('{"name": "');
    const [response] = (await once(request, 'response')) as [http.IncomingMessage];
    expect([response.statusCode, response.headers.connection]).toEqual([401, 'close']);
    response.resume();
    request.destroy();
  });
});

describe('toErrorReply', () => {
  it('turns a thrown non-Error into the generic 500', () => {
    expect(toErrorReply('a string', OPTIONS)).toEqual({
      body: {
        statusCode: 500,
        code: 'XX_ERR_INTERNAL',
        error: 'Internal Server Error',
        message: 'Internal server error',
      },
      headers: {},
    });
  });
});
