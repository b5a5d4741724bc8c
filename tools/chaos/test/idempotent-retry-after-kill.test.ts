import { afterEach, describe, expect, it } from 'vitest';
import { login } from '../src/drill.ts';
import { call, RETRY_POLICY } from '../src/retrying-client.ts';
import { startStack, type Stack } from '../src/stack.ts';

// Tests may read the environment; the services never do outside their config.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
/** Short, so the test is quick; the default (5 s) is what the client retry policy is checked against in the drill. */
const LEASE_MS = 1_500;
const ROWS = Array.from({ length: 60 }, (_, i) => ({ g: i % 3 === 0 ? 'b' : 'a', y: i % 2, p: Number(i % 5 !== 0) }));
const ANALYSIS = { config: { label: 'y', prediction: 'p', sensitive: ['g'] }, data: { rows: ROWS } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the analysis once, without retries; the answer's status, or 0 for none. */
async function attempt(stack: Stack, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return fetch(`${stack.base}/v1/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(ANALYSIS),
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (r) => {
      await r.arrayBuffer();
      return r.status;
    },
    () => 0,
  );
}

/**
 * Real processes: a backend SIGKILLed while an analysis with an Idempotency-Key is in flight (its
 * only ai-core frozen, so the request is mid-way), then restarted. The client's retry with the
 * same key, under the documented policy, runs the analysis once the dead process's lease lapses,
 * instead of 409 until the key is stale.
 */
const DATABASES: { name: string; pgUrl?: string }[] = [
  { name: 'sqlite' },
  ...(PG_URL ? [{ name: 'postgres', pgUrl: PG_URL }] : []),
];

describe.each(DATABASES)('idempotent analysis retried after the backend was killed ($name)', ({ pgUrl }) => {
  let stack: Stack | undefined;
  afterEach(async () => stack?.close(), 30_000);

  it('succeeds within a lease of the restart, with the same key', { timeout: 120_000 }, async () => {
    stack = await startStack({ pgUrl, aiCoreReplicas: 1, backendEnv: { IDEMPOTENCY_LEASE_MS: String(LEASE_MS) } });
    const auth = await login(stack);
    const headers = { ...auth, 'idempotency-key': `kill-${Date.now()}` };
    stack.aiCores[0]!.freeze();
    const first = attempt(stack, headers, 60_000);
    // The key is claimed once a duplicate is refused as in flight (by `first` or, if it came in
    // second, by a probe: either way the killed process holds it).
    let probe = 0;
    for (let i = 0; i < 100 && probe !== 409; i++) {
      probe = await attempt(stack, headers, 1_000);
      if (probe !== 409) await sleep(50);
    }
    expect(probe).toBe(409);

    await stack.backend.kill();
    expect([0, 409]).toContain(await first);
    stack.aiCores[0]!.thaw();
    await stack.backend.start(60_000);
    const restarted = performance.now();

    const retry = await call(stack.base, 'POST', '/v1/analyses', ANALYSIS, headers);
    const ms = performance.now() - restarted;
    expect(retry.status).toBe(201);
    expect(retry.body.id).toEqual(expect.any(String));
    // Refused only while the dead process's lease ran: at most one lease (told by Retry-After), plus slack.
    expect(retry.seen.filter((s) => s !== 409)).toEqual([201]);
    expect(ms).toBeLessThan(LEASE_MS + RETRY_POLICY.capMs);
    // The key now replays the stored answer.
    const replay = await call(stack.base, 'POST', '/v1/analyses', ANALYSIS, headers);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(retry.body.id);
  });
});
