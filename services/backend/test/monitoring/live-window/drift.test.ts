import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

/**
 * Drives group B's selection rate away from group A's until the policy is breached: the live
 * verdict turns `fail` and the next decision from B (not from A) carries the breach rule.
 */
for (const dialect of DIALECTS)
  describe(`${dialect.name}: live fairness drift`, () => {
    let t: TestApp;
    let modelId: string;
    beforeAll(async () => {
      t = await build({ MONITORING_CACHE_TTL_MS: '0' }, dialect);
      modelId = (await createModel(t)).id;
    });
    afterAll(() => t.close());

    const fairness = async () =>
      (await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${modelId}/fairness` })).json();
    const batch = (group: string, positives: number, total: number) =>
      Array.from({ length: total }, (_, i) => decision(modelId, group, i < positives ? 1 : 0));

    it('starts insufficient, passes while rates agree, fails once B drifts, and flags B', async () => {
      expect((await fairness()).verdict).toBe('insufficient_data');
      await evaluate(t, { decisions: [...batch('A', 25, 50), ...batch('B', 25, 50)] });
      const even = await fairness();
      expect(even.verdict).toBe('pass');
      expect(even.window.decisions).toBe(100);
      expect(
        even.groups.map((g: { groupKey: string; selectionRate: { value: number } }) => [
          g.groupKey,
          g.selectionRate.value,
        ]),
      ).toEqual([
        ['group=A', 0.5],
        ['group=B', 0.5],
      ]);

      const history: string[] = [];
      let last = even;
      for (let round = 0; round < 10 && last.verdict !== 'fail'; round++) {
        await evaluate(t, { decisions: [...batch('A', 10, 20), ...batch('B', 2, 20)] });
        last = await fairness();
        history.push(last.verdict);
      }
      expect(last.verdict).toBe('fail');
      const failed = last.verdicts.filter((v: { status: string }) => v.status === 'fail');
      expect(failed.map((v: { metric: string }) => v.metric).sort()).toEqual([
        'demographic_parity_difference',
        'disparate_impact',
      ]);
      for (const v of failed) expect(v.flaggedGroups).toEqual(['group=B']);
      expect(history.length).toBeGreaterThan(0);

      const fromB = (await evaluate(t, decision(modelId, 'B', 0))).json().evaluation.risk;
      expect(fromB.rules[0].rule).toBe('live_disparity_breach');
      expect(fromB.rules[0].detail).toMatch(/^group group=B: /);
      expect(fromB.level).toBe('high');
      const fromA = (await evaluate(t, decision(modelId, 'A', 1))).json().evaluation.risk;
      expect(fromA).toMatchObject({ level: 'low', score: 0, rules: [] });
    });
  });
