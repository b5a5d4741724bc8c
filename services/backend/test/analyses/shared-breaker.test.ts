/**
 * Issue 17, finding 1: one organisation's bad requests cannot open the ai-core circuit breaker that
 * every organisation shares. Organisation A sends more bad analyses than the breaker's threshold
 * (5 consecutive failures): configurations too long for any URL, ones ai-core refuses, one that
 * made ai-core fail with a 500. Each is a 4xx naming the problem; the circuit stays closed and
 * organisation B's analysis goes through.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../helper.ts';
import { buildBackend, CONFIG, sampleCsv, startAiCore } from './two-services.ts';

describe('the shared ai-core circuit breaker', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  let orgB: TestUser;
  const datasets: Record<string, string> = {};

  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url);
    orgB = await t.createOrg();
    for (const [name, user] of [
      ['a', t.admin],
      ['b', orgB],
    ] as const) {
      const res = await t.injectAs(user, {
        method: 'POST',
        url: `/v1/datasets?name=${name}`,
        headers: { 'content-type': 'text/csv' },
        payload: sampleCsv(120),
      });
      expect(res.statusCode).toBe(201);
      datasets[name] = res.json().id;
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await aiCore?.app.close();
  });

  const analyse = (user: TestUser, datasetId: string, config: object) =>
    t.injectAs(user, { method: 'POST', url: '/v1/analyses', payload: { datasetId, config } });

  it("stays closed after organisation A's bad analyses, and organisation B is served", async () => {
    const bad: [string, object][] = [
      // 40 values of 4 KiB: far beyond any URL or header limit of ai-core (16 KiB).
      [
        'positive values too long for a URL',
        { ...CONFIG, labelPositive: Array.from({ length: 40 }, (_, i) => `${i}`.padEnd(4096, 'x')) },
      ],
      ['a reference group the data lacks', { ...CONFIG, reference: { g: 'nobody' } }],
      ['a confidence that made ai-core fail', { ...CONFIG, confidence: 0.9999999999999999 }],
    ];
    const answers: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [name, config] of bad) {
        const res = await analyse(t.admin, datasets.a, config);
        answers.push(
          `${name}: ${res.statusCode >= 400 && res.statusCode < 500 ? '4xx' : `${res.statusCode} ${res.body.slice(0, 120)}`}`,
        );
      }
    }
    expect(answers).toEqual(Array.from({ length: 3 }, () => bad.map(([name]) => `${name}: 4xx`)).flat());
    expect(t.app.aiCoreCircuit()).toBe('closed');
    const served = await analyse(orgB, datasets.b, CONFIG);
    expect(served.statusCode).toBe(201);
  }, 60_000);
});
