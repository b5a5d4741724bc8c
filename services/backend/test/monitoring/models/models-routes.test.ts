import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { TEST_POLICY, createModel } from '../fixtures.ts';

describe('models and policies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(() => t.close());

  it('registers a model with every policy default filled in', async () => {
    const res = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/models',
      payload: {
        name: 'loans',
        version: '2024.1',
        owner: 'credit',
        intendedUse: 'pre-screening',
        policy: { sensitiveAttributes: ['sex', 'race'] },
      },
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: 'loans', versions: ['2024.1'], orgId: t.admin.orgId });
    expect(m.policy).toMatchObject({
      version: 1,
      sensitiveAttributes: ['sex', 'race'],
      requiredContextFields: [],
      createdBy: t.admin.id,
      metrics: [
        { metric: 'demographic_parity_difference', threshold: 0.1 },
        { metric: 'disparate_impact', threshold: 0.8 },
        { metric: 'equal_opportunity_difference', threshold: 0.05 },
      ],
      window: { spanSeconds: 604_800, bucketSeconds: 3_600, minDecisions: 100, minGroupSize: 30 },
      scoreBands: { decisionThreshold: 0.5, extremeLow: 0.05, extremeHigh: 0.95 },
    });
    expect((await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${m.id}` })).json()).toEqual(m);
    const list = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/models' })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(m.id);
  });

  it('adds versions; the fairness window defaults to the latest one', async () => {
    const m = await createModel(t);
    const added = await t.injectAs(t.admin, {
      method: 'POST',
      url: `/v1/models/${m.id}/versions`,
      payload: { version: '1.1' },
    });
    expect([added.statusCode, added.json().versions]).toEqual([201, ['1.0', '1.1']]);
    const dup = await t.injectAs(t.admin, {
      method: 'POST',
      url: `/v1/models/${m.id}/versions`,
      payload: { version: '1.1' },
    });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'BE_ERR_MODEL_VERSION_EXISTS']);
    const fair = (await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${m.id}/fairness` })).json();
    expect(fair).toMatchObject({
      modelVersion: '1.1',
      verdict: 'insufficient_data',
      groups: [],
      window: { decisions: 0, minDecisions: 20 },
    });
    const unknown = await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${m.id}/fairness?version=7` });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'BE_ERR_MODEL_VERSION_NOT_FOUND']);
  });

  it('answers exact 4xx codes', async () => {
    const m = await createModel(t);
    const viewer = await t.createUser('viewer');
    const base = { name: 'x', version: '1', owner: 'o', intendedUse: 'u', policy: TEST_POLICY };
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/v1/models', { ...base, name: undefined }, 400, 'BE_ERR_VALIDATION'],
      ['POST', '/v1/models', { ...base, policy: { sensitiveAttributes: [] } }, 400, 'BE_ERR_VALIDATION'],
      [
        'POST',
        '/v1/models',
        {
          ...base,
          policy: {
            ...TEST_POLICY,
            metrics: [
              { metric: 'disparate_impact', threshold: 0.8 },
              { metric: 'disparate_impact', threshold: 0.9 },
            ],
          },
        },
        400,
        'BE_ERR_POLICY_INVALID',
      ],
      [
        'POST',
        '/v1/models',
        { ...base, policy: { ...TEST_POLICY, window: { spanSeconds: 3_600, bucketSeconds: 7_200 } } },
        400,
        'BE_ERR_POLICY_INVALID',
      ],
      [
        'POST',
        '/v1/models',
        { ...base, policy: { ...TEST_POLICY, metrics: [{ metric: 'accuracy', threshold: 0.1 }] } },
        400,
        'BE_ERR_VALIDATION',
      ],
      ['GET', '/v1/models/not-a-uuid', undefined, 400, 'BE_ERR_VALIDATION'],
      ['GET', '/v1/models/00000000-0000-4000-8000-000000000000', undefined, 404, 'BE_ERR_MODEL_NOT_FOUND'],
      ['PUT', '/v1/models/00000000-0000-4000-8000-000000000000/policy', TEST_POLICY, 404, 'BE_ERR_MODEL_NOT_FOUND'],
      ['GET', '/v1/models?limit=0', undefined, 400, 'BE_ERR_VALIDATION'],
    ];
    for (const [method, url, payload, status, code] of cases) {
      const res = await t.injectAs(t.admin, { method: method as 'GET', url, payload: payload as object });
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, status, code]);
    }
    const named = await t.injectAs(t.admin, { method: 'POST', url: '/v1/models', payload: { ...base, name: 'taken' } });
    expect(named.statusCode).toBe(201);
    const taken = await t.injectAs(t.admin, { method: 'POST', url: '/v1/models', payload: { ...base, name: 'taken' } });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'BE_ERR_MODEL_EXISTS']);
    const denied = await t.injectAs(viewer, { method: 'PUT', url: `/v1/models/${m.id}/policy`, payload: TEST_POLICY });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/models' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'BE_ERR_UNAUTHENTICATED']);
    const other = await t.createOrg();
    expect((await t.injectAs(other, { method: 'GET', url: `/v1/models/${m.id}` })).statusCode).toBe(404);
  });
});
