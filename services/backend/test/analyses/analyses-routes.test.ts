import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestApp, TestUser } from '../helper.ts';
import { analysisBody, buildBackend, CONFIG, deadUrl, startAiCore } from './two-services.ts';

const json = { 'content-type': 'application/json' };

describe('POST /v1/analyses against a real ai-core', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  let analyst: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url);
    analyst = await t.createUser('analyst');
    viewer = await t.createUser('viewer');
  });
  afterAll(async () => {
    await t.close();
    await aiCore.app.close();
  });

  const post = (payload: string, headers: Record<string, string> = {}, user = analyst) =>
    t.injectAs(user, { method: 'POST', url: '/v1/analyses', headers: { ...json, ...headers }, payload });

  it('answers 201 with the persisted report; GET and the JSON export serve the stored engine bytes', async () => {
    const res = await post(analysisBody(300));
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(res.headers.location).toBe(`/v1/reports/${report.id}`);
    expect(report).toMatchObject({
      datasetId: null,
      createdBy: analyst.id,
      rows: 300,
      engineVersion: expect.any(String),
    });
    expect(['pass', 'warn', 'fail', 'none']).toContain(report.verdict);
    expect(report.riskLevel).toBe(report.result.risk.level);
    expect(report.inputDigest).toBe(report.result.provenance.inputDigest);
    expect(report.result.provenance.config.sensitive).toEqual(['g']);

    const got = await t.injectAs(viewer, { method: 'GET', url: `/v1/reports/${report.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe(res.body);
    const exported = await t.injectAs(viewer, { method: 'GET', url: `/v1/reports/${report.id}/export?format=json` });
    expect(exported.statusCode).toBe(200);
    expect(JSON.parse(exported.body)).toEqual(report.result);
    expect(res.body.endsWith(`"result":${exported.body}}`)).toBe(true);
  });

  it("passes ai-core's 400 for an unknown column through with its code", async () => {
    const res = await post(analysisBody(20, { ...CONFIG, sensitive: ['nope'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'FAIR_ERR_COLUMN_NOT_FOUND' });
  });

  it.each([
    ['malformed JSON', '{"config":', 400, 'BE_ERR_MALFORMED_JSON'],
    [
      'wrong types',
      JSON.stringify({ config: { ...CONFIG, sensitive: 'g' }, data: { rows: [] } }),
      400,
      'BE_ERR_VALIDATION',
    ],
    ['missing config', JSON.stringify({ data: { rows: [] } }), 400, 'BE_ERR_VALIDATION'],
    ['unknown member', JSON.stringify({ config: CONFIG, data: { rows: [] }, extra: 1 }), 400, 'BE_ERR_VALIDATION'],
    ['data not an object', JSON.stringify({ config: CONFIG, data: [] }), 400, 'BE_ERR_VALIDATION'],
    [
      'both data and datasetId',
      JSON.stringify({ config: CONFIG, data: { rows: [] }, datasetId: '00000000-0000-4000-8000-000000000001' }),
      400,
      'BE_ERR_VALIDATION',
    ],
    [
      'unknown dataset',
      JSON.stringify({ config: CONFIG, datasetId: '00000000-0000-4000-8000-000000000001' }),
      404,
      'BE_ERR_DATASET_NOT_FOUND',
    ],
  ])('%s → %i %s', async (_name, payload, status, code) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code });
  });

  it('refuses callers without a token or without the analyst role, and oversized bodies', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/analyses',
      headers: json,
      payload: analysisBody(5),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('BE_ERR_UNAUTHENTICATED');
    const asViewer = await post(analysisBody(5), {}, viewer);
    expect(asViewer.statusCode).toBe(403);
    expect(asViewer.json().code).toBe('BE_ERR_FORBIDDEN');
    const huge = await post(' '.repeat(64 * 1024 * 1024 + 1));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('BE_ERR_BODY_TOO_LARGE');
  });

  it('replays an idempotent retry without a second report, and refuses the key with another body', async () => {
    const body = analysisBody(50);
    const before = (await t.injectAs(viewer, { method: 'GET', url: '/v1/reports?limit=200' })).json().items.length;
    const first = await post(body, { 'idempotency-key': 'retry-1' });
    const second = await post(body, { 'idempotency-key': 'retry-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const after = (await t.injectAs(viewer, { method: 'GET', url: '/v1/reports?limit=200' })).json().items.length;
    expect(after).toBe(before + 1);
    const reused = await post(analysisBody(51), { 'idempotency-key': 'retry-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('BE_ERR_IDEMPOTENCY_KEY_REUSED');
    const bad = await post(body, { 'idempotency-key': 'has space' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BE_ERR_IDEMPOTENCY_KEY_INVALID');
  });

  it('answers 409 to a duplicate sent while the first is still running', async () => {
    const body = analysisBody(2000);
    const results = await Promise.all([
      post(body, { 'idempotency-key': 'dup-1' }),
      post(body, { 'idempotency-key': 'dup-1' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('BE_ERR_IDEMPOTENCY_IN_FLIGHT');
  });

  it("hides another organisation's reports (404)", async () => {
    const report = (await post(analysisBody(10))).json();
    const stranger = await t.createOrg();
    for (const url of [`/v1/reports/${report.id}`, `/v1/reports/${report.id}/export?format=csv`]) {
      const res = await t.injectAs(stranger, { method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('BE_ERR_REPORT_NOT_FOUND');
    }
    expect((await t.injectAs(stranger, { method: 'GET', url: '/v1/reports' })).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('POST /v1/analyses with ai-core down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildBackend(await deadUrl());
  });
  afterAll(() => t.close());

  it('answers 503 BE_ERR_AI_CORE_UNAVAILABLE with Retry-After and stores nothing', async () => {
    const analyst = await t.createUser('analyst');
    const res = await t.injectAs(analyst, {
      method: 'POST',
      url: '/v1/analyses',
      headers: json,
      payload: analysisBody(10),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ statusCode: 503, code: 'BE_ERR_AI_CORE_UNAVAILABLE' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.injectAs(analyst, { method: 'GET', url: '/v1/reports' })).json().items).toEqual([]);
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
  });
});
