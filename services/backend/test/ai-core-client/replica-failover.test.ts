import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AI_CORE_CLIENT_DEFAULTS,
  createAiCoreClient,
  type AiCoreClient,
} from '../../src/ai-core-client/ai-core-client.ts';
import { analysisBody, buildBackend } from '../analyses/two-services.ts';
import type { TestApp } from '../helper.ts';
import { startAiCoreProcess, type AiCoreProcess } from './ai-core-process.ts';

const TOKEN = 'replica-failover-token-0123456789';
/** Long enough that waiting it out is clearly distinguishable from failing over. */
const TIMEOUT_MS = 10_000;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T | undefined; error: unknown }> {
  const start = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - start, value, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, value: undefined, error };
  }
}

/**
 * Two real ai-core processes; one, then both, frozen with SIGSTOP (the process stops, its kernel
 * still accepts connections: no error, no answer). Analyses fail over to the live replica, then
 * answer 503 with Retry-After, in a small fraction of the analysis timeout; after SIGCONT they
 * succeed again.
 */
describe('ai-core replicas: failover and fast failure when ai-core freezes', () => {
  let a: AiCoreProcess;
  let b: AiCoreProcess;
  let client: AiCoreClient;
  const body = Buffer.from(analysisBody(200));
  const analyze = () => client.analyzeJson(body);

  beforeAll(async () => {
    [a, b] = await Promise.all([startAiCoreProcess(TOKEN), startAiCoreProcess(TOKEN)]);
    client = createAiCoreClient({
      ...AI_CORE_CLIENT_DEFAULTS,
      urls: [a.url, b.url],
      token: TOKEN,
      timeoutMs: TIMEOUT_MS,
      probeIntervalMs: 250,
      probeTimeoutMs: 250,
    });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('balances over both replicas while both answer', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, analyze));
    expect(results.every((r) => r.body.length > 0)).toBe(true);
  });

  it('one replica frozen: every analysis succeeds on the other, none waits for the timeout', async () => {
    a.freeze();
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => new Promise((r) => setTimeout(r, i * 50)).then(() => timed(analyze))),
    );
    expect(runs.map((r) => r.error)).toEqual(runs.map(() => undefined));
    expect(Math.max(...runs.map((r) => r.ms))).toBeLessThan(TIMEOUT_MS / 3);
  });

  it('both frozen: analyses answer 503 with Retry-After, fast', async () => {
    b.freeze();
    const runs = await Promise.all(Array.from({ length: 5 }, analyze).map((p) => timed(() => p)));
    for (const r of runs)
      expect(r.error).toMatchObject({
        code: 'BE_ERR_AI_CORE_UNAVAILABLE',
        statusCode: 503,
        headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
      });
    expect(Math.max(...runs.map((r) => r.ms))).toBeLessThan(TIMEOUT_MS / 3);
    expect(client.circuitState).not.toBe(0);
  });

  it('thawed: analyses succeed again within seconds', async () => {
    a.thaw();
    b.thaw();
    const start = performance.now();
    for (;;) {
      const r = await timed(analyze);
      if (!r.error) break;
      expect(performance.now() - start).toBeLessThan(TIMEOUT_MS);
      await new Promise((res) => setTimeout(res, 100));
    }
    const results = await Promise.all(Array.from({ length: 4 }, analyze));
    expect(results).toHaveLength(4);
    expect(client.circuitState).toBe(0);
  });

  it('through the backend: POST /v1/analyses answers 503 with Retry-After while every replica is frozen', async () => {
    const t: TestApp = await buildBackend(a.url, {
      AI_CORE_URLS: `${a.url},${b.url}`,
      AI_CORE_TOKEN: TOKEN,
      AI_CORE_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    try {
      const ok = await t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/analyses',
        payload: analysisBody(100),
        headers: { 'content-type': 'application/json' },
      });
      expect(ok.statusCode).toBe(201);
      a.freeze();
      b.freeze();
      const shed = await timed(() =>
        t.injectAs(t.admin, {
          method: 'POST',
          url: '/v1/analyses',
          payload: analysisBody(100),
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect([shed.value?.statusCode, shed.value?.json().code]).toEqual([503, 'BE_ERR_AI_CORE_UNAVAILABLE']);
      expect(Number(shed.value?.headers['retry-after'])).toBeGreaterThan(0);
      expect(shed.ms).toBeLessThan(TIMEOUT_MS / 3);
    } finally {
      a.thaw();
      b.thaw();
      await t.close();
    }
  });
});
