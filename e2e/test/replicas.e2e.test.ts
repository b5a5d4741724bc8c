import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Answer } from '../support/http-client.ts';
import { ServiceProcess, freePort, killAll } from '../support/service-process.ts';

// Issue 4: the live window is persisted, so two backend processes (two replicas) on one PostgreSQL
// database see one window, and a late outcome sent to one replica lands in the bucket the other
// replica counted the decision in.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
if (!PG_URL)
  console.log('[replicas e2e] SKIP: set ETHIXAI_TEST_PG_URL to run two backend processes on one PostgreSQL database');

const POLICY = {
  sensitiveAttributes: ['group'],
  requiredContextFields: [],
  window: { spanSeconds: 86_400, bucketSeconds: 3_600, minDecisions: 20, minGroupSize: 10 },
};

async function pgQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function expectStatus(answer: Answer, status: number): Answer {
  expect(answer.status, answer.text).toBe(status);
  return answer;
}

describe.skipIf(!PG_URL)('two backend processes sharing one PostgreSQL database', () => {
  const schema = `e2e_${randomUUID().replaceAll('-', '')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ethixai-replicas-'));
  let one: ServiceProcess;
  let two: ServiceProcess;
  let env: Record<string, string> = {};
  let token = '';
  let modelId = '';

  beforeAll(async () => {
    await pgQuery(`create schema ${schema}`);
    const url = new URL(PG_URL as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // One DATA_DIR: both replicas share the generated secrets (signing keys), as replicas share
    // their secrets in production; the first process creates the admin and prints it.
    env = {
      ETHIXAI_PROFILE: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_USER_MAX: '5000',
    };
    one = new ServiceProcess('backend', await freePort(), env);
    await one.waitReady();
    two = new ServiceProcess('backend', await freePort(), env);
    await two.waitReady();
    const text = one.stdout().join('\n');
    const email = /^\s*email:\s+(\S+)\s*$/m.exec(text)?.[1] ?? '';
    const password = /^\s*password:\s+(\S+)\s*$/m.exec(text)?.[1] ?? '';
    token = await login(one.url, email, password);
    const model = expectStatus(
      await call(one.url, 'POST', '/v1/models', {
        token,
        json: {
          name: 'credit-replicas',
          version: '1.0',
          owner: 'risk team',
          intendedUse: 'consumer credit pre-screening',
          policy: POLICY,
        },
      }),
      201,
    );
    modelId = model.json().id;
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await pgQuery(`drop schema if exists ${schema} cascade`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const decision = (group: string, prediction: 0 | 1) => ({
    modelId,
    modelVersion: '1.0',
    decisionId: `r-${randomUUID()}`,
    sensitiveAttributes: { group },
    prediction,
    context: {},
  });
  const evaluate = (replica: ServiceProcess, body: unknown) =>
    call(replica.url, 'POST', '/v1/evaluate', { token, json: body });
  const window = async (replica: ServiceProcess) => {
    const body = expectStatus(await call(replica.url, 'GET', `/v1/models/${modelId}/fairness`, { token }), 200).json();
    return {
      decisions: body.window.decisions,
      withOutcome: body.window.decisionsWithOutcome,
      groups: body.groups.map((g: { groupKey: string; decisions: number }) => [g.groupKey, g.decisions]),
    };
  };

  it('decisions written concurrently through both processes form one window that both read', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => evaluate(one, decision(i % 2 ? 'A' : 'B', 1))),
      ...Array.from({ length: 20 }, (_, i) => evaluate(two, decision(i % 2 ? 'A' : 'B', 0))),
      evaluate(two, { decisions: Array.from({ length: 10 }, () => decision('A', 1)) }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...Array(40).fill(201), 200]);
    const expected = {
      decisions: 50,
      withOutcome: 0,
      groups: [
        ['group=A', 30],
        ['group=B', 20],
      ],
    };
    expect(await window(one)).toEqual(expected);
    expect(await window(two)).toEqual(expected);
  }, 60_000);

  it('a late outcome sent to one process updates the window the other process reads', async () => {
    const stored = expectStatus(await evaluate(one, decision('B', 1)), 201).json().evaluation;
    const outcome = expectStatus(
      await call(two.url, 'POST', `/v1/evaluations/${stored.id}/outcome`, { token, json: { outcome: 1 } }),
      200,
    );
    expect(outcome.json().outcome).toBe(1);
    expect(await window(one)).toMatchObject({ decisions: 51, withOutcome: 1 });
    expect(await window(two)).toMatchObject({ decisions: 51, withOutcome: 1 });
  }, 60_000);

  it('a process restarted on the same database sees the same window', async () => {
    const before = await window(two);
    await two.kill(); // SIGKILL: a crash, nothing flushed on the way out
    two = new ServiceProcess('backend', two.port, env);
    await two.waitReady();
    expect(await window(two)).toEqual(before);
  }, 120_000);
});
