import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

for (const dialect of DIALECTS)
  describe(`${dialect.name}: POST /v1/evaluate`, () => {
    let t: TestApp;
    let modelId: string;
    beforeAll(async () => {
      t = await build({ MONITORING_CACHE_TTL_MS: '0' }, dialect);
      modelId = (await createModel(t)).id;
    });
    afterAll(() => t.close());

    it('stores one decision and answers 201 with its assessment', async () => {
      const before = Date.now();
      const res = await evaluate(t, decision(modelId, 'A', 1, { score: 0.97 }));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.replayed).toBe(false);
      // A time-ordered id (UUIDv7) carrying the millisecond it was made.
      expect(body.evaluation.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const idMs = parseInt(body.evaluation.id.replace(/-/g, '').slice(0, 12), 16);
      expect(idMs >= before && idMs <= Date.now()).toBe(true);
      expect(body.evaluation).toMatchObject({
        modelId,
        modelVersion: '1.0',
        policyVersion: 1,
        groupKey: 'group=A',
        prediction: 1,
        score: 0.97,
        outcome: null,
      });
      // extreme band 25 + unknown group (0 decisions in the window before this one) 10 = 35
      expect(body.evaluation.risk.rules.map((r: { rule: string }) => r.rule)).toEqual([
        'score_extreme_band',
        'unknown_group',
      ]);
      expect(body.evaluation.risk).toMatchObject({ level: 'medium', score: 35 });
      const stored = await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations/${body.evaluation.id}` });
      expect(stored.statusCode).toBe(200);
      expect(stored.json()).toMatchObject({
        id: body.evaluation.id,
        sensitiveAttributes: { group: 'A' },
        context: { channel: 'web' },
        subjectId: null,
      });
    });

    it('replays an identical duplicate (200) and refuses a different one (409)', async () => {
      const d = decision(modelId, 'A', 0);
      const first = await evaluate(t, d);
      expect(first.statusCode).toBe(201);
      const again = await evaluate(t, d);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ evaluation: first.json().evaluation, replayed: true });
      const other = await evaluate(t, { ...d, prediction: 1 });
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('BE_ERR_DECISION_CONFLICT');
    });

    it('takes a batch and reports each decision', async () => {
      const dup = decision(modelId, 'B', 1);
      await evaluate(t, dup);
      const res = await evaluate(t, { decisions: [decision(modelId, 'B', 1), dup, decision(modelId, 'C', 0)] });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect([body.created, body.replayed, body.conflicts]).toEqual([2, 1, 0]);
      expect(body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'replayed', 'created']);
    });

    it('negative cases answer exact codes', async () => {
      const cases: [unknown, number, string][] = [
        [{ ...decision(modelId, 'A', 1), prediction: undefined }, 400, 'BE_ERR_DECISION_INVALID'],
        [{ ...decision(modelId, 'A', 1), score: 1.5 }, 400, 'BE_ERR_VALIDATION'],
        [{ ...decision(modelId, 'A', 1), modelVersion: '9.9' }, 404, 'BE_ERR_MODEL_VERSION_NOT_FOUND'],
        [{ ...decision('00000000-0000-4000-8000-000000000000', 'A', 1) }, 404, 'BE_ERR_MODEL_NOT_FOUND'],
        [{ ...decision(modelId, 'A', 1), decidedAt: '2999-01-01T00:00:00Z' }, 400, 'BE_ERR_DECISION_INVALID'],
        [{ ...decision(modelId, 'A', 1), surprise: true }, 400, 'BE_ERR_VALIDATION'],
        [{ decisions: [] }, 400, 'BE_ERR_VALIDATION'],
        [{ decisions: Array.from({ length: 1001 }, () => decision(modelId, 'A', 1)) }, 400, 'BE_ERR_VALIDATION'],
      ];
      for (const [body, status, code] of cases) {
        const res = await evaluate(t, body);
        expect([res.statusCode, res.json().code], JSON.stringify(body).slice(0, 120)).toEqual([status, code]);
      }
      const same = decision(modelId, 'A', 1);
      const twice = await evaluate(t, { decisions: [decision(modelId, 'A', 1), same, same] });
      expect([twice.statusCode, twice.json().code, twice.json().message]).toEqual([
        400,
        'BE_ERR_DECISION_INVALID',
        expect.stringContaining('decisions[2].decisionId'),
      ]);
      const viewer = await t.createUser('viewer');
      expect((await evaluate(t, decision(modelId, 'A', 1), viewer)).json().code).toBe('BE_ERR_FORBIDDEN');
      const otherOrg = await t.createOrg();
      const foreign = await evaluate(t, decision(modelId, 'A', 1), otherOrg);
      expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'BE_ERR_MODEL_NOT_FOUND']);
    });
  });

describe('GET /v1/evaluations filters and pages', () => {
  it('filters by model, version, risk level and decision time; pages newest first', async () => {
    const t = await build({ MONITORING_CACHE_TTL_MS: '0' });
    try {
      const m1 = (await createModel(t)).id;
      const m2 = (await createModel(t)).id;
      const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
      await evaluate(t, {
        decisions: [
          decision(m1, 'A', 1, { decidedAt: at(1) }),
          decision(m1, 'A', 1, { decidedAt: at(2), score: 0.99 }),
          decision(m1, 'A', 0, { decidedAt: at(3) }),
          decision(m2, 'A', 1, { decidedAt: at(4) }),
        ],
      });
      const list = async (q: string) =>
        (await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations?${q}` })).json();
      expect((await list(`modelId=${m1}`)).total).toBe(3);
      expect((await list(`modelId=${m1}&modelVersion=1.0`)).total).toBe(3);
      expect((await list(`modelId=${m1}&modelVersion=2.0`)).total).toBe(0);
      // unknown group (10) everywhere; the 0.99 score adds the extreme band (25) -> medium
      expect((await list('riskLevel=medium')).items.map((e: { decidedAt: string }) => e.decidedAt)).toEqual([at(2)]);
      expect((await list(`from=${at(2)}&to=${at(4)}`)).items.map((e: { decidedAt: string }) => e.decidedAt)).toEqual([
        at(3),
        at(2),
      ]);
      const page = await list('limit=2&offset=1');
      expect([page.total, page.items.map((e: { decidedAt: string }) => e.decidedAt)]).toEqual([4, [at(3), at(2)]]);
      const bad = await t.injectAs(t.admin, { method: 'GET', url: '/v1/evaluations?riskLevel=extreme' });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'BE_ERR_VALIDATION']);
      const other = await t.createOrg();
      expect((await t.injectAs(other, { method: 'GET', url: '/v1/evaluations' })).json().total).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('evaluate under overload', () => {
  it('answers 503 BE_ERR_EVALUATE_OVERLOADED with Retry-After when the commit queue is full, and commits what it accepted', async () => {
    const t = await build({ EVALUATE_COMMIT_INTERVAL_MS: '100', EVALUATE_MAX_QUEUE_ROWS: '1000' });
    try {
      const modelId = (await createModel(t)).id;
      await evaluate(t, decision(modelId, 'A', 1)); // log in and warm the caches first
      const batch = () => ({ decisions: Array.from({ length: 600 }, () => decision(modelId, 'A', 1)) });
      const [a, b] = await Promise.all([evaluate(t, batch()), evaluate(t, batch())]);
      const refused = [a, b].filter((r) => r.statusCode === 503);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 503]);
      expect(refused[0].json().code).toBe('BE_ERR_EVALUATE_OVERLOADED');
      expect(refused[0].headers['retry-after']).toBe('1');
      const listed = await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations?modelId=${modelId}&limit=1` });
      expect(listed.json().total).toBe(601);
    } finally {
      await t.close();
    }
  });
});
