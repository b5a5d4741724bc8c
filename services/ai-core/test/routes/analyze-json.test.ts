import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisStage, StageObserver } from '../../src/analysis/stages.ts';
import { AUTH, build } from '../helper.ts';
import { COLUMNS, CONFIG, EXPECTED_GROUPS, ROWS, groupCounts } from '../fixtures.ts';

describe('POST /v1/analyze with a JSON body', () => {
  const recorded: [AnalysisStage, number][] = [];
  const wrapped: AnalysisStage[] = [];
  const observer: StageObserver = {
    wrap: (stage, fn) => {
      wrapped.push(stage);
      return fn();
    },
    record: (stage, seconds) => {
      recorded.push([stage, seconds]);
    },
  };
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({}, { stageObserver: observer });
  });
  afterAll(async () => {
    await app.close();
  });

  const analyse = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/v1/analyze', headers: AUTH, payload: payload as object });

  it('audits columnar data and returns the full result as JSON', async () => {
    const res = await analyse({ config: CONFIG, data: { columns: COLUMNS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = res.json();
    expect(groupCounts(result)).toEqual(EXPECTED_GROUPS);
    expect(result.overall).toMatchObject({ tp: 3, fn: 1, fp: 1, tn: 3 });
    expect(result.provenance).toMatchObject({ rowCount: 8, config: { label: 'y', prediction: 'p', sensitive: ['g'] } });
    expect(result.engineVersion).toEqual(expect.any(String));
  });

  it("sends the result's summary in x-ethixai-* headers, each equal to the body's field", async () => {
    const res = await analyse({ config: CONFIG, data: { columns: COLUMNS } });
    const result = res.json();
    const worst =
      ['fail', 'warn', 'pass'].find((s) => result.verdicts.some((v: { status: string }) => v.status === s)) ?? 'none';
    expect(res.headers).toMatchObject({
      'x-ethixai-verdict': worst,
      'x-ethixai-risk': result.risk.level,
      'x-ethixai-rows': '8',
      'x-ethixai-engine-version': result.provenance.engineVersion,
      'x-ethixai-input-digest': result.provenance.inputDigest,
    });
    expect(result.provenance.inputDigest).toMatch(/^\w+:/);
  });

  it('audits row objects to the same result as the columnar form', async () => {
    const fromRows = await analyse({ config: CONFIG, data: { rows: ROWS } });
    const fromColumns = await analyse({ config: CONFIG, data: { columns: COLUMNS } });
    expect(fromRows.statusCode).toBe(200);
    expect(fromRows.json()).toEqual(fromColumns.json());
  });

  it('times ingest, audit and serialise, reports them in Server-Timing and to the observer', async () => {
    recorded.length = 0;
    wrapped.length = 0;
    const res = await analyse({ config: CONFIG, data: { columns: COLUMNS } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['server-timing']).toMatch(
      /^ingest;dur=\d+\.\d{3}, audit;dur=\d+\.\d{3}, serialise;dur=\d+\.\d{3}$/,
    );
    expect(wrapped).toEqual(['ingest', 'audit', 'serialise']);
    expect(recorded.map(([stage]) => stage)).toEqual(['ingest', 'audit', 'serialise']);
    for (const [, seconds] of recorded) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('keeps string labels with an explicit positive value', async () => {
    const columns = { ...COLUMNS, y: COLUMNS.y.map((v) => (v === 1 ? 'yes' : 'no')) };
    const res = await analyse({ config: { ...CONFIG, labelPositive: ['yes'] }, data: { columns } });
    expect(res.statusCode).toBe(200);
    expect(groupCounts(res.json())).toEqual(EXPECTED_GROUPS);
  });

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    const broken = await build(
      {},
      {
        stageObserver: {
          wrap: () => {
            throw new Error('secret internals');
          },
          record: () => {},
        },
      },
    );
    const res = await broken.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: AUTH,
      payload: { config: CONFIG, data: { columns: COLUMNS } },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'AIC_ERR_INTERNAL',
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    await broken.close();
  });
});
