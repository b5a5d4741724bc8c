import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, build, COMPAS_CSV } from '../helper.ts';
import { CSV, CSV_QUERY, EXPECTED_GROUPS, groupCounts } from '../fixtures.ts';

const CSV_HEADERS = { ...AUTH, 'content-type': 'text/csv' };
const hasCompas = existsSync(COMPAS_CSV);
if (!hasCompas) console.warn(`SKIP: COMPAS acceptance test: ${fileURLToPath(COMPAS_CSV)} not found`);

/** Splits the text into small chunks so records and fields straddle chunk boundaries. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

describe('POST /v1/analyze with a text/csv body', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('audits a CSV configured by the query string', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/analyze?${CSV_QUERY}`,
      headers: CSV_HEADERS,
      payload: CSV,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['server-timing']).toMatch(/^ingest;dur=[\d.]+, audit;dur=[\d.]+, serialise;dur=[\d.]+$/);
    expect(groupCounts(res.json())).toEqual(EXPECTED_GROUPS);
  });

  it('streams a body sent in 5-byte chunks without a Content-Length', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/analyze?${CSV_QUERY}`,
      headers: CSV_HEADERS,
      payload: chunked(CSV, 5),
    });
    expect(res.statusCode).toBe(200);
    expect(groupCounts(res.json())).toEqual(EXPECTED_GROUPS);
  });

  it('accepts a charset parameter on the media type', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/analyze?${CSV_QUERY}`,
      headers: { ...CSV_HEADERS, 'content-type': 'text/csv; charset=utf-8' },
      payload: CSV,
    });
    expect(res.statusCode).toBe(200);
  });

  it('takes the whole configuration as url-encoded JSON', async () => {
    const config = encodeURIComponent(JSON.stringify({ label: 'y', prediction: 'p', sensitive: ['g'] }));
    const res = await app.inject({
      method: 'POST',
      url: `/v1/analyze?config=${config}`,
      headers: CSV_HEADERS,
      payload: CSV,
    });
    expect(res.statusCode).toBe(200);
    expect(groupCounts(res.json())).toEqual(EXPECTED_GROUPS);
  });

  it.skipIf(!hasCompas)("reproduces ProPublica's COMPAS table from the streamed file", async () => {
    const query = 'label=two_year_recid&prediction=score_text&positive=Medium,High&sensitive=race';
    const res = await app.inject({
      method: 'POST',
      url: `/v1/analyze?${query}`,
      headers: CSV_HEADERS,
      payload: createReadStream(COMPAS_CSV),
    });
    expect(res.statusCode).toBe(200);
    const groups = groupCounts(res.json());
    expect(groups['African-American']).toEqual({ tp: 1369, fn: 532, fp: 805, tn: 990 });
    expect(groups.Caucasian).toEqual({ tp: 505, fn: 461, fp: 349, tn: 1139 });
    expect(res.json().overall).toMatchObject({ tp: 2035, fn: 1216, fp: 1282, tn: 2681 });
  });
});
