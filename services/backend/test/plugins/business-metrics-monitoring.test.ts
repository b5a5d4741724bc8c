import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS } from '../dialects.ts';
import { createModel, decision, evaluate } from '../monitoring/fixtures.ts';
import { hasPromtool, promtoolLint } from '../../../../packages/observability/test/support/promtool.ts';
import { family, sampleValue, scrape } from './scrape.ts';

const TOKEN = 'whk-metrics-0123456789abcdef';
const UNREGISTERED = '00000000-0000-4000-8000-00000000beef';

function alert(status: 'firing' | 'resolved', fingerprint: string, severity: string) {
  return {
    receiver: 'backend-incidents',
    status,
    version: '4',
    groupKey: '{}',
    truncatedAlerts: 0,
    externalURL: 'http://alertmanager:9093',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    alerts: [
      {
        status,
        labels: { alertname: `Alert${fingerprint}`, severity },
        annotations: { summary: 's' },
        fingerprint,
        startsAt: '2026-11-26T18:00:00Z',
        endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-26T18:10:00Z',
        generatorURL: 'http://p',
      },
    ],
  };
}

for (const dialect of DIALECTS)
  describe(`${dialect.name}: business metrics of monitoring`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await build(
        ({ orgId }) => ({
          METRICS_MAX_MODEL_LABELS: '2',
          METRICS_STATE_MAX_AGE_MS: '0',
          MONITORING_CACHE_TTL_MS: '0',
          INCIDENTS_WEBHOOK_TOKEN: TOKEN,
          INCIDENTS_ORG_ID: orgId,
        }),
        dialect,
      );
    });
    afterAll(() => t.close());

    it('counts stored evaluations by registered model and risk level; unregistered models never become labels, the cap folds the rest', async () => {
      const [m1, m2, m3] = [await createModel(t), await createModel(t), await createModel(t)];
      const levels = async (modelId: string, extra: Record<string, unknown> = {}) => {
        const res = await evaluate(t, decision(modelId, 'a', 1, extra));
        expect(res.statusCode).toBe(201);
        return res.json().evaluation.risk.level;
      };
      // unknown group (10 points) → low; + extreme score band (25) → medium.
      expect([await levels(m1.id), await levels(m1.id), await levels(m1.id, { score: 0.97 })]).toEqual([
        'low',
        'low',
        'medium',
      ]);
      expect(await levels(m2.id)).toBe('low');
      expect(await levels(m3.id)).toBe('low');
      const unknown = await evaluate(t, decision(UNREGISTERED, 'a', 1));
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'BE_ERR_MODEL_NOT_FOUND']);
      // A batch: one new decision, one replay of a stored one (not a new evaluation), one conflict.
      const stored = decision(m2.id, 'b', 0);
      expect((await evaluate(t, stored)).statusCode).toBe(201);
      const batch = await evaluate(t, {
        decisions: [decision(m2.id, 'b', 0), stored, { ...decision(m2.id, 'b', 1), decisionId: 'will-conflict' }],
      });
      expect(batch.json()).toMatchObject({ created: 2, replayed: 1, conflicts: 0 });
      const conflict = await evaluate(t, { decisions: [{ ...decision(m2.id, 'b', 0), decisionId: 'will-conflict' }] });
      expect(conflict.json()).toMatchObject({ created: 0, replayed: 0, conflicts: 1 });

      expect(family(await scrape(t), 'ethixai_evaluations_total')).toEqual({
        [`model=${m1.id},risk_level=low`]: 2,
        [`model=${m1.id},risk_level=medium`]: 1,
        [`model=${m2.id},risk_level=low`]: 4,
        'model=__other__,risk_level=low': 1,
      });
    });

    it('reports open incidents by severity after webhook deliveries, acknowledgement and resolution', async () => {
      const send = (body: unknown) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/alerts/webhook',
          payload: body as object,
          headers: { authorization: `Bearer ${TOKEN}` },
        });
      const open = async () => family(await scrape(t), 'ethixai_incidents_open');
      expect(await open()).toEqual({
        'severity=low': 0,
        'severity=medium': 0,
        'severity=high': 0,
        'severity=critical': 0,
      });
      await send(alert('firing', 'c1', 'critical'));
      await send(alert('firing', 'c2', 'critical'));
      await send(alert('firing', 'c2', 'critical')); // a repeat: still one incident
      await send(alert('firing', 'w1', 'warning'));
      await send(alert('firing', 'x1', 'made-up'));
      expect(await open()).toEqual({
        'severity=low': 1,
        'severity=medium': 1,
        'severity=high': 0,
        'severity=critical': 2,
      });
      await send(alert('resolved', 'c1', 'critical'));
      const list = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/incidents?status=open' })).json().items as {
        id: string;
        fingerprint: string;
      }[];
      const warning = list.find((i) => i.fingerprint === 'w1')!;
      await t.injectAs(t.admin, { method: 'POST', url: `/v1/incidents/${warning.id}/acknowledge` });
      // Acknowledged is still open.
      expect(await open()).toEqual({
        'severity=low': 1,
        'severity=medium': 1,
        'severity=high': 0,
        'severity=critical': 1,
      });
      await t.injectAs(t.admin, { method: 'POST', url: `/v1/incidents/${warning.id}/resolve` });
      expect(await open()).toEqual({
        'severity=low': 1,
        'severity=medium': 0,
        'severity=high': 0,
        'severity=critical': 1,
      });
      expect(sampleValue(await scrape(t), 'ethixai_dependency_up', { dependency: 'database' })).toBe(1);
    });
  });

// Its own app, built after the one above is closed: on PostgreSQL, Kysely's migrator wrongly sees
// another live schema's migration tables and skips creating its own (see the report on db/migrate.ts).
for (const dialect of DIALECTS)
  describe(`${dialect.name}: live disparity gauges`, () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await build({ METRICS_STATE_MAX_AGE_MS: '0', MONITORING_CACHE_TTL_MS: '0' }, dialect);
    });
    afterAll(() => other.close());

    it('sets the disparity gauges of the latest model version from its live window (NaN while it has no value)', async () => {
      const model = await createModel(other);
      const fairness = async (query = '') =>
        (await other.injectAs(other.admin, { method: 'GET', url: `/v1/models/${model.id}/fairness${query}` })).json();
      const gauges = async () => family(await scrape(other), 'ethixai_model_disparity');
      expect((await fairness()).verdict).toBe('insufficient_data');
      expect(await gauges()).toEqual({
        [`metric=demographic_parity_difference,model=${model.id}`]: Number.NaN,
        [`metric=disparate_impact,model=${model.id}`]: Number.NaN,
        [`metric=equal_opportunity_difference,model=${model.id}`]: Number.NaN,
      });
      // Group a selected 12 of 15 times (0.8), group b 6 of 15 (0.4).
      const decisions = [
        ...Array.from({ length: 15 }, (_, i) => decision(model.id, 'a', i < 12 ? 1 : 0)),
        ...Array.from({ length: 15 }, (_, i) => decision(model.id, 'b', i < 6 ? 1 : 0)),
      ];
      expect((await evaluate(other, { decisions })).json().created).toBe(30);
      // The evaluate path's window refresh already reports the new values.
      expect((await evaluate(other, decision(model.id, 'a', 1))).statusCode).toBe(201);
      const live = await gauges();
      expect(live[`metric=demographic_parity_difference,model=${model.id}`]).toBeCloseTo(0.4, 12);
      const body = await fairness();
      const value = (metric: string) => body.verdicts.find((v: { metric: string }) => v.metric === metric).value;
      const after = await gauges();
      expect(after).toEqual({
        [`metric=demographic_parity_difference,model=${model.id}`]: value('demographic_parity_difference'),
        [`metric=disparate_impact,model=${model.id}`]: value('disparate_impact'),
        [`metric=equal_opportunity_difference,model=${model.id}`]: Number.NaN,
      });
      // The policy's thresholds with the side they breach on, and each metric's one-hot verdict.
      const s = await scrape(other);
      expect(family(s, 'ethixai_model_disparity_threshold')).toEqual({
        [`breach=above,metric=demographic_parity_difference,model=${model.id}`]: 0.1,
        [`breach=below,metric=disparate_impact,model=${model.id}`]: 0.8,
        [`breach=above,metric=equal_opportunity_difference,model=${model.id}`]: 0.05,
      });
      for (const v of body.verdicts as { metric: string; status: string }[]) {
        expect(
          sampleValue(s, 'ethixai_model_fairness_verdict', { model: model.id, metric: v.metric, verdict: v.status }),
        ).toBe(1);
      }
      expect(
        sampleValue(s, 'ethixai_model_fairness_verdict', {
          model: model.id,
          metric: 'equal_opportunity_difference',
          verdict: 'insufficient_data',
        }),
      ).toBe(1);
      // 31 decisions now: a 13/16, b 6/15.
      expect(value('demographic_parity_difference')).toBeCloseTo(13 / 16 - 6 / 15, 12);
      expect(value('disparate_impact')).toBeCloseTo(6 / 15 / (13 / 16), 12);
      // A newer version with an empty window takes over the series; auditing the older one no longer writes it.
      expect(
        (
          await other.injectAs(other.admin, {
            method: 'POST',
            url: `/v1/models/${model.id}/versions`,
            payload: { version: '2.0' },
          })
        ).statusCode,
      ).toBe(201);
      await fairness('?version=2.0');
      expect(Object.values(await gauges()).every(Number.isNaN)).toBe(true);
      await fairness('?version=1.0');
      expect(Object.values(await gauges()).every(Number.isNaN)).toBe(true);
      // An unknown model is a 404 and never a label.
      expect(
        (await other.injectAs(other.admin, { method: 'GET', url: `/v1/models/${UNREGISTERED}/fairness` })).statusCode,
      ).toBe(404);
      expect(Object.keys(await gauges()).some((k) => k.includes(UNREGISTERED))).toBe(false);
    });

    it.skipIf(!hasPromtool)(
      'serves a scrape with every business family (NaN gauges included) that passes promtool check metrics',
      async () => {
        const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: other.metricsAuth });
        for (const name of [
          'ethixai_evaluations_total',
          'ethixai_model_disparity',
          'ethixai_incidents_open',
          'ethixai_analysis_jobs_queued',
          'ethixai_dependency_up',
        ]) {
          expect(res.body).toContain(`# TYPE ${name} `);
        }
        expect(res.body).toMatch(/^ethixai_model_disparity\{.*\} nan$/im); // prom-client spells it `Nan`, which Prometheus parses
        // Status 3 with no problem left: only prom-client's three allowlisted runtime gauges were reported.
        expect(promtoolLint(res.body)).toEqual({ status: 3, problems: [] });
      },
    );
  });

describe('business metrics switched off', () => {
  it('serves no /metrics and every area still works', async () => {
    const t = await build({ ETHIXAI_METRICS: 'false' });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const model = await createModel(t);
      expect((await evaluate(t, decision(model.id, 'a', 1))).statusCode).toBe(201);
      expect((await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${model.id}/fairness` })).statusCode).toBe(
        200,
      );
    } finally {
      await t.close();
    }
  });
});
