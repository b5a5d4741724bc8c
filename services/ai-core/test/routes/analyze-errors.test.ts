import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, build, TEST_TOKEN } from '../helper.ts';
import { COLUMNS, CONFIG, CSV, CSV_QUERY } from '../fixtures.ts';

const LIMITS = {
  AI_CORE_MAX_JSON_BYTES: '2000',
  AI_CORE_MAX_CSV_BYTES: '2000',
  AI_CORE_MAX_ROWS: '20',
  AI_CORE_MAX_COLUMNS: '5',
};
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const CSV_HEADERS = { ...AUTH, 'content-type': 'text/csv' };
const json = (body: unknown): InjectOptions => ({ headers: JSON_HEADERS, payload: JSON.stringify(body) });
const csv = (body: string | Readable, query = CSV_QUERY): InjectOptions => ({
  url: `/v1/analyze?${query}`,
  headers: CSV_HEADERS,
  payload: body,
});
const rowsCsv = (n: number) => `g,y,p\n${'a,1,0\n'.repeat(n)}`;

describe('POST /v1/analyze errors: exact status and code, never a 500 for a client mistake', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build(LIMITS);
  });
  afterAll(async () => {
    await app.close();
  });

  const cases: [string, InjectOptions, number, string, RegExp?][] = [
    [
      'no token',
      { payload: { config: CONFIG, data: { columns: COLUMNS } } },
      401,
      'AIC_ERR_UNAUTHORIZED',
      /Bearer <service token> is required/,
    ],
    [
      'wrong token',
      { headers: { authorization: `Bearer ${TEST_TOKEN}x` }, payload: { config: CONFIG, data: { columns: COLUMNS } } },
      401,
      'AIC_ERR_UNAUTHORIZED',
      /not valid/,
    ],
    ['wrong scheme', { headers: { authorization: `Basic ${TEST_TOKEN}` }, payload: {} }, 401, 'AIC_ERR_UNAUTHORIZED'],
    [
      'unsupported content type',
      { headers: { ...AUTH, 'content-type': 'text/plain' }, payload: 'g,y,p' },
      415,
      'AIC_ERR_UNSUPPORTED_MEDIA_TYPE',
      /application\/json, text\/csv or multipart\/form-data/,
    ],
    ['no body', { headers: AUTH }, 400, 'AIC_ERR_VALIDATION', /body: is required/],
    [
      'malformed JSON',
      { headers: JSON_HEADERS, payload: '{"config": {' },
      400,
      'AIC_ERR_MALFORMED_JSON',
      /not valid JSON/,
    ],
    ['empty JSON body', { headers: JSON_HEADERS, payload: '' }, 400, 'AIC_ERR_MALFORMED_JSON'],
    ['JSON that is not an object', json([1, 2]), 400, 'AIC_ERR_VALIDATION', /^body: must be an object/],
    [
      'unknown top-level field',
      json({ config: CONFIG, data: { columns: COLUMNS }, extra: 1 }),
      400,
      'AIC_ERR_VALIDATION',
      /^body\.extra:/,
    ],
    ['missing config', json({ data: { columns: COLUMNS } }), 400, 'AIC_ERR_VALIDATION', /^config: is required/],
    [
      'config of the wrong type',
      json({ config: { ...CONFIG, sensitive: 'g' }, data: { columns: COLUMNS } }),
      400,
      'FAIR_ERR_INVALID_CONFIG',
      /config\.sensitive/,
    ],
    [
      'data of the wrong type',
      json({ config: CONFIG, data: { columns: { ...COLUMNS, y: 'abc' } } }),
      400,
      'AIC_ERR_VALIDATION',
      /^data\.columns\.y: must be an array/,
    ],
    [
      'a cell of the wrong type',
      json({ config: CONFIG, data: { rows: [{ g: 'a', y: {}, p: 1 }] } }),
      400,
      'AIC_ERR_VALIDATION',
      /^data\.rows\[0\]\.y:/,
    ],
    [
      'query parameters with a JSON body',
      { url: '/v1/analyze?label=y', ...json({ config: CONFIG, data: { columns: COLUMNS } }) },
      400,
      'AIC_ERR_VALIDATION',
      /^query:/,
    ],
    [
      'missing column (JSON)',
      json({ config: { ...CONFIG, sensitive: ['race'] }, data: { columns: COLUMNS } }),
      400,
      'FAIR_ERR_COLUMN_NOT_FOUND',
      /race/,
    ],
    ['missing column (CSV)', csv(CSV, 'label=y&prediction=p&sensitive=race'), 400, 'FAIR_ERR_COLUMN_NOT_FOUND', /race/],
    [
      'non-binary label',
      json({ config: CONFIG, data: { columns: { ...COLUMNS, y: [0, 1, 2, 0, 1, 2, 0, 1] } } }),
      400,
      'FAIR_ERR_NOT_BINARY',
      /y/,
    ],
    [
      'CSV without configuration',
      csv(CSV, ''),
      400,
      'AIC_ERR_VALIDATION',
      /^query: a text\/csv body needs its configuration/,
    ],
    ['CSV with an unknown parameter', csv(CSV, `${CSV_QUERY}&lable=y`), 400, 'AIC_ERR_VALIDATION', /^query\.lable:/],
    ['empty CSV', csv(''), 400, 'FAIR_ERR_EMPTY_INPUT'],
    ['CSV with a header only', csv('g,y,p\n'), 400, 'FAIR_ERR_EMPTY_INPUT'],
    ['ragged CSV', csv('g,y,p\na,1,0\nb,1\n'), 400, 'FAIR_ERR_CSV_RAGGED_ROW', /line 3/],
    [
      'CSV that is not UTF-8',
      csv(Buffer.from('g,y,p\n\xff,1,0\n', 'latin1') as unknown as string),
      400,
      'FAIR_ERR_CSV_ENCODING',
      /line 2/,
    ],
    ['CSV with an unterminated quote', csv('g,y,p\n"a,1,0\n'), 400, 'FAIR_ERR_CSV_UNTERMINATED_QUOTE'],
    [
      'CSV score column that is not numeric',
      csv(CSV, 'label=y&score=g&threshold=0.5&sensitive=g'),
      400,
      'FAIR_ERR_NOT_NUMERIC',
      /line 2/,
    ],
    [
      'JSON body over the byte limit',
      json({ config: CONFIG, data: { columns: { g: Array(1000).fill('a') } } }),
      413,
      'AIC_ERR_PAYLOAD_TOO_LARGE',
      /AI_CORE_MAX_JSON_BYTES\) of 2000 bytes/,
    ],
    [
      'CSV body over the byte limit (declared)',
      csv(rowsCsv(400)),
      413,
      'AIC_ERR_PAYLOAD_TOO_LARGE',
      /AI_CORE_MAX_CSV_BYTES\) of 2000 bytes/,
    ],
    [
      'CSV body over the byte limit (streamed)',
      csv(Readable.from([Buffer.from(rowsCsv(15)), Buffer.from(rowsCsv(400))])),
      413,
      'AIC_ERR_PAYLOAD_TOO_LARGE',
      /AI_CORE_MAX_CSV_BYTES/,
    ],
    [
      'JSON rows over the limit',
      json({ config: CONFIG, data: { rows: Array(21).fill({ g: 'a', y: 1, p: 1 }) } }),
      413,
      'AIC_ERR_TOO_MANY_ROWS',
      /21 rows; the limit \(AI_CORE_MAX_ROWS\) is 20/,
    ],
    ['CSV rows over the limit', csv(rowsCsv(21)), 413, 'AIC_ERR_TOO_MANY_ROWS', /AI_CORE_MAX_ROWS\) of 20/],
    [
      'JSON columns over the limit',
      json({ config: CONFIG, data: { columns: { ...COLUMNS, a: [], b: [], c: [] } } }),
      413,
      'AIC_ERR_TOO_MANY_COLUMNS',
      /6 columns; the limit \(AI_CORE_MAX_COLUMNS\) is 5/,
    ],
    [
      'CSV columns over the limit',
      csv('g,y,p,a,b,c\na,1,1,1,1,1\n'),
      413,
      'AIC_ERR_TOO_MANY_COLUMNS',
      /AI_CORE_MAX_COLUMNS\) of 5/,
    ],
  ];

  const named = cases.map(
    ([name, options, status, code, message]) =>
      [`${name} -> ${status} ${code}`, options, status, code, message] as const,
  );
  it.each(named)('%s', async (_name, options, status, code, message) => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...options });
    const body = res.json();
    expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
    expect(body).toEqual({
      statusCode: status,
      code,
      error: expect.any(String),
      message: expect.any(String),
      ...(body.details ? { details: body.details } : {}),
    });
    if (message) expect(body.message).toMatch(message);
  });

  it('answers 401 with a Bearer challenge', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', payload: {} });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers an unknown route with 404 AIC_ERR_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/nope?x=1', headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'AIC_ERR_NOT_FOUND',
      error: 'Not Found',
      message: 'Route GET /v1/nope not found',
    });
  });
});
