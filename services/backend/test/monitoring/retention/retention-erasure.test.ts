import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';
import { purgeExpired } from '../../../src/monitoring/retention/purge.ts';
import { verifyOrgChain } from '../../../src/audit-log/verify-chain.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

const DAY = 86_400_000;

for (const dialect of DIALECTS)
  describe(`${dialect.name}: retention and erasure`, () => {
    let t: TestApp;
    let modelId: string;
    beforeAll(async () => {
      t = await build({ MONITORING_CACHE_TTL_MS: '0' }, dialect);
      modelId = (await createModel(t)).id;
    });
    afterAll(() => t.close());

    const windowTotals = async () => {
      const rows = await t.app.db.selectFrom('window_counts').selectAll().where('model_id', '=', modelId).execute();
      return rows.reduce(
        (s, r) => [s[0] + Number(r.n), s[1] + Number(r.tp) + Number(r.fp) + Number(r.tn) + Number(r.fn)],
        [0, 0],
      );
    };
    const total = async () =>
      (await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations?modelId=${modelId}` })).json().total;

    it('erases a subject and a single decision, taking them out of the window; the chain stays verifiable', async () => {
      const mine = [
        decision(modelId, 'A', 1, { subjectId: 'person-1' }),
        decision(modelId, 'B', 0, { subjectId: 'person-1' }),
        decision(modelId, 'A', 0),
      ];
      const stored = (await evaluate(t, { decisions: mine }))
        .json()
        .results.map((r: { evaluation: { id: string } }) => r.evaluation.id);
      await t.injectAs(t.admin, {
        method: 'POST',
        url: `/v1/evaluations/${stored[0]}/outcome`,
        payload: { outcome: 1 },
      });
      expect(await windowTotals()).toEqual([3, 1]);

      const analyst = await t.createUser('analyst');
      const denied = await t.injectAs(analyst, { method: 'DELETE', url: '/v1/subjects/person-1' });
      expect([denied.statusCode, denied.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
      const erased = await t.injectAs(t.admin, { method: 'DELETE', url: '/v1/subjects/person-1' });
      expect([erased.statusCode, erased.json()]).toEqual([200, { deleted: 2 }]);
      expect(await windowTotals()).toEqual([1, 0]);
      expect((await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations/${stored[0]}` })).statusCode).toBe(404);
      expect((await t.injectAs(t.admin, { method: 'DELETE', url: '/v1/subjects/person-1' })).json()).toEqual({
        deleted: 0,
      });

      const one = await t.injectAs(t.admin, { method: 'DELETE', url: `/v1/evaluations/${stored[2]}` });
      expect([one.statusCode, one.json()]).toEqual([200, { deleted: 1 }]);
      expect(await windowTotals()).toEqual([0, 0]);
      const gone = await t.injectAs(t.admin, { method: 'DELETE', url: `/v1/evaluations/${stored[2]}` });
      expect([gone.statusCode, gone.json().code]).toEqual([404, 'BE_ERR_EVALUATION_NOT_FOUND']);

      const log = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log?limit=500' })).json();
      const actions = log.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['model.create', 'subject.erase', 'evaluation.erase']));
      expect(JSON.stringify(log)).not.toContain('person-1');
      expect(await verifyOrgChain(t.app.db, t.admin.orgId)).toMatchObject({ status: 'clean', findings: [] });
    });

    it('purges evaluations older than the retention period, and window cells a day after them', async () => {
      const now = Date.now();
      const old = new Date(now - 400 * DAY).toISOString();
      const recent = new Date(now - 40 * DAY).toISOString();
      await evaluate(t, {
        decisions: [
          decision(modelId, 'A', 1, { decidedAt: old }),
          decision(modelId, 'A', 1, { decidedAt: recent }),
          decision(modelId, 'B', 0),
        ],
      });
      expect(await total()).toBe(3);
      const purged = await t.injectAs(t.admin, { method: 'POST', url: '/v1/retention/purge' });
      expect([purged.statusCode, purged.json()]).toEqual([200, { evaluations: 1, windowCells: 1 }]);
      expect(await total()).toBe(2);

      expect(
        (await t.injectAs(t.admin, { method: 'PUT', url: '/v1/retention', payload: { retentionDays: 30 } })).json(),
      ).toEqual({ retentionDays: 30 });
      const bad = await t.injectAs(t.admin, { method: 'PUT', url: '/v1/retention', payload: { retentionDays: 0 } });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'BE_ERR_VALIDATION']);
      const results = await purgeExpired(t.app.db, now, t.admin.orgId);
      expect(results).toEqual([{ orgId: t.admin.orgId, retentionDays: 30, evaluations: 1, windowCells: 1 }]);
      expect(await total()).toBe(1);
      // A later purge finds nothing; the retention.purge entries keep the chain intact.
      expect((await purgeExpired(t.app.db, now, t.admin.orgId))[0]).toMatchObject({ evaluations: 0, windowCells: 0 });
      expect(await verifyOrgChain(t.app.db, t.admin.orgId)).toMatchObject({ status: 'clean', findings: [] });
    });
  });
