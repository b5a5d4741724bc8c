import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../src/stack.ts';

const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
const QUERY_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 1_000;
/** Far above what the timeouts allow (query + 1 s, then a rollback, or a wait for a connection):
 *  a request still unanswered by then hangs on the partition. */
const HANG_MS = 15_000;

interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
}

/**
 * A silent partition between the backend (a real process) and a real PostgreSQL, through the
 * chaos fault proxy: packets dropped both ways, nothing reset. Requests that need the database
 * answer 503 BE_ERR_NOT_READY with Retry-After within the configured timeouts instead of hanging,
 * and the backend serves again once the partition clears, without a restart. About 20 s.
 */
describe.runIf(PG_URL)('backend ↔ PostgreSQL blackhole', () => {
  let stack: Stack;
  let auth: Record<string, string>;
  let modelId: string;
  let n = 0;

  const evaluate = async (): Promise<Answer> => {
    const res = await fetch(`${stack.base}/v1/evaluate`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        modelId,
        modelVersion: '1.0',
        decisionId: `blackhole-${++n}`,
        sensitiveAttributes: { group: 'A' },
        prediction: 1,
        context: { channel: 'web' },
      }),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const body = (await res.json()) as { code?: string };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.code };
  };

  beforeAll(async () => {
    stack = await startStack({
      pgUrl: PG_URL,
      backendEnv: {
        DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      },
    });
    const login = await fetch(`${stack.base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@ethixai.local', password: stack.password }),
    });
    auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const model = await fetch(`${stack.base}/v1/models`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'blackhole',
        version: '1.0',
        owner: 'chaos test',
        intendedUse: 'resilience test',
        policy: { sensitiveAttributes: ['group'], requiredContextFields: ['channel'] },
      }),
    });
    modelId = ((await model.json()) as { id: string }).id;
  }, 120_000);
  afterAll(async () => stack?.close(), 30_000);

  it('answers 503 with Retry-After instead of hanging, and serves again once the partition clears', async () => {
    expect((await evaluate()).status).toBe(201);

    stack.dbProxy!.set({ kind: 'blackhole' });
    // More requests at once than the pool has connections: some wait for one, some hang in a query.
    const during = await Promise.all(Array.from({ length: 12 }, () => evaluate()));
    const ready = await fetch(`${stack.base}/ready`, { signal: AbortSignal.timeout(HANG_MS) });
    expect(during).toEqual(
      Array.from({ length: 12 }, () => ({
        status: 503,
        retryAfter: expect.stringMatching(/^\d+$/),
        code: 'BE_ERR_NOT_READY',
      })),
    );
    expect(ready.status).toBe(503);

    stack.dbProxy!.set({ kind: 'none' });
    const cleared = performance.now();
    let after: Answer | undefined;
    while (performance.now() - cleared < HANG_MS) {
      after = await evaluate();
      if (after.status === 201) break;
      expect(after.status).toBe(503); // never a 500 while the abandoned connections are replaced
      await sleep(100);
    }
    expect(after?.status).toBe(201);
    console.log(
      `[pg-blackhole] serving again ${Math.round(performance.now() - cleared)} ms after the partition cleared`,
    );
    expect((await fetch(`${stack.base}/ready`)).status).toBe(200);
  }, 60_000);
});
