/**
 * POST /v1/analyze documents its JSON body with the contract's AnalyzeRequestSchema, and reads it
 * in the ingest stage with its own checks (the route's schemas are not run by Fastify). This pins
 * that the two agree: what the documented schema accepts, ai-core analyses; what it refuses for
 * its shape, ai-core refuses with a 400 naming the problem. (Size limits are ai-core's configured
 * limits, 413, tested in analyze-errors.test.ts.)
 */
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeRequestSchema, MAX_CELL_CHARS } from '@ethixai/contracts';
import { AUTH, build } from '../helper.ts';
import { COLUMNS, CONFIG, ROWS } from '../fixtures.ts';

const accepted: [string, unknown][] = [
  ['columns', { config: CONFIG, data: { columns: COLUMNS } }],
  ['rows', { config: CONFIG, data: { rows: ROWS } }],
  [
    'rows with absent keys, nulls, booleans and long-enough text',
    {
      config: CONFIG,
      data: { rows: [...ROWS, { g: 'x'.repeat(MAX_CELL_CHARS), y: 1, p: 0, note: null, flag: true }] },
    },
  ],
];

const refused: [string, unknown][] = [
  ['an array', [1, 2]],
  ['an unknown top-level field', { config: CONFIG, data: { columns: COLUMNS }, extra: 1 }],
  ['no config', { data: { columns: COLUMNS } }],
  ['no data', { config: CONFIG }],
  ['a config field of the wrong type', { config: { ...CONFIG, sensitive: 'g' }, data: { columns: COLUMNS } }],
  ['an unknown config field', { config: { ...CONFIG, lable: 'y' }, data: { columns: COLUMNS } }],
  ['data with both shapes', { config: CONFIG, data: { columns: COLUMNS, rows: ROWS } }],
  ['data with neither shape', { config: CONFIG, data: {} }],
  ['no columns', { config: CONFIG, data: { columns: {} } }],
  ['a column that is not an array', { config: CONFIG, data: { columns: { ...COLUMNS, y: 'abc' } } }],
  ['rows that are not an array', { config: CONFIG, data: { rows: { g: 'a' } } }],
  ['a row that is not an object', { config: CONFIG, data: { rows: [...ROWS, 5] } }],
  ['a cell that is an object', { config: CONFIG, data: { rows: [{ g: 'a', y: {}, p: 1 }] } }],
  ['a cell that is an array', { config: CONFIG, data: { columns: { ...COLUMNS, g: COLUMNS.g.map(() => ['a']) } } }],
  [
    'a text cell over the length limit',
    { config: CONFIG, data: { rows: [...ROWS, { g: 'x'.repeat(MAX_CELL_CHARS + 1), y: 1, p: 0 }] } },
  ],
];

describe('POST /v1/analyze: the documented JSON body schema and what ai-core reads agree', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it.each(accepted)('accepts %s', async (_name, body) => {
    expect(Value.Check(AnalyzeRequestSchema, body)).toBe(true);
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each(refused)('refuses %s', async (_name, body) => {
    expect(Value.Check(AnalyzeRequestSchema, body)).toBe(false);
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toMatch(/^(AIC|FAIR)_ERR_/);
  });
});
