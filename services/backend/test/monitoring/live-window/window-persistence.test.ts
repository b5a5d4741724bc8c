import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/db/connect.ts';
import { build, type TestApp, type TestUser } from '../../helper.ts';
import type { TestDialect } from '../../dialects.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

// Tests may read the environment; the service never does outside config/env.ts.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;

/** A dialect whose every open() connects to the SAME database (a restart, or a second replica). */
function shared(url: string, name: 'sqlite' | 'postgres'): TestDialect {
  return {
    name,
    async open() {
      const handle = connect({ url, poolSize: 4 });
      return { handle, url, dispose: () => handle.close() };
    },
  };
}

async function fairness(t: TestApp, user: TestUser, modelId: string) {
  const body = (await t.injectAs(user, { method: 'GET', url: `/v1/models/${modelId}/fairness` })).json();
  return {
    decisions: body.window.decisions,
    groups: body.groups.map((g: { groupKey: string; decisions: number }) => [g.groupKey, g.decisions]),
  };
}

describe('the live window is persisted', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('survives an app restart on the same SQLite file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-mon-restart-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const dialect = shared(`sqlite:${path.join(dir, 'db.sqlite')}`, 'sqlite');
    const first = await build({}, dialect);
    const modelId = (await createModel(first)).id;
    await evaluate(first, {
      decisions: [decision(modelId, 'A', 1), decision(modelId, 'A', 0), decision(modelId, 'B', 1)],
    });
    const owner = first.admin;
    await first.close();

    const second = await build({}, dialect);
    cleanups.push(() => second.close());
    expect(await fairness(second, owner, modelId)).toEqual({
      decisions: 3,
      groups: [
        ['group=A', 2],
        ['group=B', 1],
      ],
    });
    await evaluate(second, decision(modelId, 'B', 0), owner);
    expect(await fairness(second, owner, modelId)).toEqual({
      decisions: 4,
      groups: [
        ['group=A', 2],
        ['group=B', 2],
      ],
    });
  });

  it.skipIf(!PG_URL)('is shared by two backend instances on one PostgreSQL database', async () => {
    const schema = `t_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    });
    const u = new URL(PG_URL as string);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const one = await build({}, shared(u.toString(), 'postgres'));
    const two = await build({}, shared(u.toString(), 'postgres'));
    cleanups.push(
      () => one.close(),
      () => two.close(),
    );
    const owner = one.admin;
    const modelId = (await createModel(one)).id;
    await fairness(two, owner, modelId); // log in once on each instance before the concurrent burst
    // Concurrent writes through both replicas, into the same cells.
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => evaluate(one, decision(modelId, i % 2 ? 'A' : 'B', 1), owner)),
      ...Array.from({ length: 20 }, (_, i) => evaluate(two, decision(modelId, i % 2 ? 'A' : 'B', 0), owner)),
      evaluate(two, { decisions: Array.from({ length: 10 }, () => decision(modelId, 'A', 1)) }, owner),
    ]);
    const expected = {
      decisions: 50,
      groups: [
        ['group=A', 30],
        ['group=B', 20],
      ],
    };
    expect(await fairness(one, owner, modelId)).toEqual(expected);
    expect(await fairness(two, owner, modelId)).toEqual(expected);
  });
  if (!PG_URL) console.log('[window-persistence] SKIP two instances on PostgreSQL: set ETHIXAI_TEST_PG_URL');
});
