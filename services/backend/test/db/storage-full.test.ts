import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';
import { createModel, decision, evaluate } from '../monitoring/fixtures.ts';

/**
 * Disk full on the SQLite volume, simulated with `PRAGMA max_page_count` (the file may not grow):
 * writes answer 503 BE_ERR_STORAGE_FULL with Retry-After (never a 500) and store nothing, reads
 * keep working, and writes succeed again once there is room.
 */
describe('sqlite: the database volume is full', () => {
  let t: TestApp;
  let modelId: string;
  beforeAll(async () => {
    t = await build({ MONITORING_CACHE_TTL_MS: '0' });
    modelId = (await createModel(t)).id;
  });
  afterAll(() => t.close());

  const pages = async () =>
    Number((await sql<{ page_count: number }>`pragma page_count`.execute(t.app.db)).rows[0]?.page_count);
  const total = async () =>
    (await t.injectAs(t.admin, { method: 'GET', url: `/v1/evaluations?modelId=${modelId}` })).json().total;

  it('refuses writes with a 503 naming the cause, stores none of them, and keeps serving reads', async () => {
    expect((await evaluate(t, decision(modelId, 'A', 1))).statusCode).toBe(201);
    await sql.raw(`pragma max_page_count = ${await pages()}`).execute(t.app.db);
    const big = {
      decisions: Array.from({ length: 1_000 }, (_, i) =>
        decision(modelId, i % 2 ? 'A' : 'B', 1, { features: { note: 'x'.repeat(200) } }),
      ),
    };
    const full = await evaluate(t, big);
    expect([full.statusCode, full.json().code, full.headers['retry-after']]).toEqual([
      503,
      'BE_ERR_STORAGE_FULL',
      '30',
    ]);
    expect(await total()).toBe(1);
    expect((await t.injectAs(t.admin, { method: 'GET', url: `/v1/models/${modelId}` })).statusCode).toBe(200);
  });

  it('accepts writes again once there is room', async () => {
    await sql.raw('pragma max_page_count = 1073741823').execute(t.app.db);
    const ok = await evaluate(t, { decisions: Array.from({ length: 100 }, () => decision(modelId, 'A', 0)) });
    expect(ok.statusCode).toBe(200);
    expect(await total()).toBe(101);
  });
});
