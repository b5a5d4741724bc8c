import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';
import { createModel, decision, evaluate, TEST_POLICY } from '../fixtures.ts';

const HOUR = 3_600_000;

for (const dialect of DIALECTS)
  describe(`${dialect.name}: GET /v1/models/:id/fairness/history`, () => {
    let t: TestApp;
    let modelId: string;
    const now = Date.now();
    const bucket = (ms: number) => Math.floor(ms / HOUR) * HOUR;

    beforeAll(async () => {
      t = await build({}, dialect);
      // Windows of two one-hour buckets; the default policy thresholds (demographic parity difference 0.1, ...).
      modelId = (
        await createModel(t, t.admin, {
          policy: {
            ...TEST_POLICY,
            window: { spanSeconds: 7_200, bucketSeconds: 3_600, minDecisions: 4, minGroupSize: 1 },
          },
        })
      ).id;
      const at = (hoursAgo: number) => ({ decidedAt: new Date(now - hoursAgo * HOUR).toISOString() });
      // Each pattern 20 times, so no group is a small cell for the engine.
      const pattern = [
        decision(modelId, 'A', 1, at(2)),
        decision(modelId, 'A', 1, at(2)),
        decision(modelId, 'B', 0, at(2)),
        decision(modelId, 'B', 0, at(2)),
        decision(modelId, 'A', 1, at(1)),
        decision(modelId, 'A', 0, at(1)),
        decision(modelId, 'B', 1, at(1)),
        decision(modelId, 'B', 0, at(1)),
        decision(modelId, 'A', 0, at(0)),
        decision(modelId, 'A', 0, at(0)),
        decision(modelId, 'B', 1, at(0)),
        decision(modelId, 'B', 1, at(0)),
      ];
      const decisions = Array.from({ length: 20 }, (_, i) =>
        pattern.map((d) => ({ ...d, decisionId: `${d.decisionId}-${i}` })),
      ).flat();
      const res = await evaluate(t, { decisions });
      expect(res.statusCode, res.body).toBeLessThan(300);
    });
    afterAll(() => t.close());

    const history = (query: string) => t.injectAs(t.admin, { url: `/v1/models/${modelId}/fairness/history?${query}` });

    it('slides the two-bucket window over the stored counts, one point per bucket end', async () => {
      const from = new Date(now - 3 * HOUR).toISOString();
      const res = await history(`from=${from}&to=${new Date(now).toISOString()}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ modelId, modelVersion: '1.0', bucketSeconds: 3600, spanSeconds: 7200 });
      expect(body.points.map((p: { at: string }) => Date.parse(p.at))).toEqual(
        [3, 2, 1, 0].map((h) => bucket(now - h * HOUR) + HOUR),
      );
      expect(body.points.map((p: { decisions: number }) => p.decisions)).toEqual([0, 80, 160, 160]);
      const dp = body.points.map(
        (p: { metrics: { metric: string; value: number | null }[] }) =>
          p.metrics.find((m) => m.metric === 'demographic_parity_difference')?.value ?? null,
      );
      // Selection rates A/B: {2/2, 0/2} → 1; {3/4, 1/4} → 0.5; {1/4, 3/4} → 0.5. The first window is empty.
      expect(dp[0]).toBeNull();
      expect(dp.slice(1).map((v: number) => Math.round(v * 1000) / 1000)).toEqual([1, 0.5, 0.5]);
      expect(body.points[0].verdict).toBe('insufficient_data');
      expect(body.thresholds.map((x: { metric: string }) => x.metric)).toContain('demographic_parity_difference');
    });

    it('ends on the same window the live endpoint reports', async () => {
      const live = (await t.injectAs(t.admin, { url: `/v1/models/${modelId}/fairness` })).json();
      const body = (await history(`from=${new Date(now).toISOString()}`)).json();
      const last = body.points.at(-1);
      expect(last.decisions).toBe(live.window.decisions);
      for (const v of live.verdicts)
        expect(last.metrics.find((m: { metric: string }) => m.metric === v.metric).value).toBeCloseTo(v.value, 12);
    });

    it("refuses a reversed or too long range, an unknown version and another organisation's model", async () => {
      const reversed = await history(`from=${new Date(now).toISOString()}&to=${new Date(now - HOUR).toISOString()}`);
      expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'BE_ERR_BAD_REQUEST']);
      const long = await history(`from=${new Date(now - 3000 * HOUR).toISOString()}`);
      expect([long.statusCode, long.json().message]).toEqual([
        400,
        expect.stringContaining('at most 2000 per request'),
      ]);
      const bad = await history('from=yesterday');
      expect(bad.statusCode).toBe(400);
      const version = await history(`from=${new Date(now).toISOString()}&version=9.9`);
      expect([version.statusCode, version.json().code]).toEqual([404, 'BE_ERR_MODEL_VERSION_NOT_FOUND']);
      const stranger = await t.createOrg();
      const other = await t.injectAs(stranger, {
        url: `/v1/models/${modelId}/fairness/history?from=${new Date(now).toISOString()}`,
      });
      expect(other.statusCode).toBe(404);
    });
  });
