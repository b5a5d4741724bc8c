import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

const HOUR = 3_600_000;

for (const dialect of DIALECTS)
  describe(`${dialect.name}: late outcomes and policy versions`, () => {
    let t: TestApp;
    let modelId: string;
    beforeAll(async () => {
      t = await build({ MONITORING_CACHE_TTL_MS: '0' }, dialect);
      modelId = (await createModel(t)).id;
    });
    afterAll(() => t.close());

    const cells = () =>
      t.app.db
        .selectFrom('window_counts')
        .selectAll()
        .where('model_id', '=', modelId)
        .orderBy('bucket_start')
        .execute();

    it('an outcome updates the bucket its decision was counted in, not the current one', async () => {
      const now = Date.now();
      const oldAt = new Date(now - 3 * HOUR).toISOString();
      const old = (await evaluate(t, decision(modelId, 'A', 1, { decidedAt: oldAt }))).json().evaluation;
      await evaluate(t, decision(modelId, 'A', 0));
      const before = await cells();
      expect(before.map((c) => [Number(c.n), Number(c.predicted_positive), Number(c.tp)])).toEqual([
        [1, 1, 0],
        [1, 0, 0],
      ]);

      const res = await t.injectAs(t.admin, {
        method: 'POST',
        url: `/v1/evaluations/${old.id}/outcome`,
        payload: { outcome: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().outcome).toBe(1);
      const after = await cells();
      expect(Number(after[0].bucket_start)).toBe(Math.floor((now - 3 * HOUR) / HOUR) * HOUR);
      expect(after.map((c) => [Number(c.tp), Number(c.fp), Number(c.tn), Number(c.fn)])).toEqual([
        [1, 0, 0, 0],
        [0, 0, 0, 0],
      ]);

      const same = await t.injectAs(t.admin, {
        method: 'POST',
        url: `/v1/evaluations/${old.id}/outcome`,
        payload: { outcome: 1 },
      });
      expect(same.statusCode).toBe(200);
      expect((await cells())[0].tp).toBe(1);
      const other = await t.injectAs(t.admin, {
        method: 'POST',
        url: `/v1/evaluations/${old.id}/outcome`,
        payload: { outcome: 0 },
      });
      expect([other.statusCode, other.json().code]).toEqual([409, 'BE_ERR_OUTCOME_CONFLICT']);
      const missing = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/evaluations/00000000-0000-4000-8000-000000000000/outcome',
        payload: { outcome: 0 },
      });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'BE_ERR_EVALUATION_NOT_FOUND']);
      const bad = await t.injectAs(t.admin, {
        method: 'POST',
        url: `/v1/evaluations/${old.id}/outcome`,
        payload: { outcome: 2 },
      });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'BE_ERR_VALIDATION']);

      const fair = (await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${modelId}/fairness` })).json();
      expect(fair.window).toMatchObject({ decisions: 2, decisionsWithOutcome: 1 });
      expect(fair.groups[0].errorRates.tpr).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    });

    it('records the policy version each evaluation was assessed under', async () => {
      const v1 = (await evaluate(t, decision(modelId, 'A', 1, { context: {} }))).json().evaluation;
      expect(v1.policyVersion).toBe(1);
      expect(v1.risk.rules.map((r: { rule: string }) => r.rule)).toContain('missing_context_fields');
      const put = await t.injectAs(t.admin, {
        method: 'PUT',
        url: `/v1/models/${modelId}/policy`,
        payload: { sensitiveAttributes: ['group'], requiredContextFields: [] },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().policy).toMatchObject({ version: 2, requiredContextFields: [], window: { minGroupSize: 30 } });
      const v2 = (await evaluate(t, decision(modelId, 'A', 1, { context: {} }))).json().evaluation;
      expect(v2.policyVersion).toBe(2);
      expect(v2.risk.rules.map((r: { rule: string }) => r.rule)).not.toContain('missing_context_fields');
      const stored = (await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations/${v1.id}` })).json();
      expect(stored.policyVersion).toBe(1);
      const bad = await t.injectAs(t.admin, {
        method: 'PUT',
        url: `/v1/models/${modelId}/policy`,
        payload: { sensitiveAttributes: ['group'], scoreBands: { extremeLow: 0.6 } },
      });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'BE_ERR_POLICY_INVALID']);
    });
  });
