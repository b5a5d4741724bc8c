import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestApp, TestUser } from '../helper.ts';
import { analysisBody, buildBackend, deadUrl, startAiCore } from '../analyses/two-services.ts';
import { family, sampleValue, scrape } from './scrape.ts';

const json = { 'content-type': 'application/json' };
const asyncHeaders = { ...json, prefer: 'respond-async' };

async function waitForJob(t: TestApp, user: TestUser, id: string, status: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = (await t.injectAs(user, { method: 'GET', url: `/v1/jobs/${id}` })).json();
    if (job.status === status || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('business metrics of analyses (real ai-core, scraped from /metrics)', () => {
  let aiCore: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    aiCore = await startAiCore();
  });
  afterAll(() => aiCore.app.close());

  it('counts completed analyses by verdict with their rows, rejected ones without, and ignores requests refused before analysis', async () => {
    const t = await buildBackend(aiCore.url, { METRICS_STATE_MAX_AGE_MS: '0' });
    try {
      const analyst = await t.createUser('analyst');
      expect(family(await scrape(t), 'ethixai_analyses_total')).toEqual({});
      const ok = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: json,
        payload: analysisBody(200),
      });
      expect(ok.statusCode).toBe(201);
      const verdict = ok.json().verdict as string;
      expect(['pass', 'warn', 'fail', 'none']).toContain(verdict);
      const rejected = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: json,
        payload: analysisBody(10, { label: 'y', prediction: 'p', sensitive: ['missing'] }),
      });
      expect([rejected.statusCode, rejected.json().code]).toEqual([400, 'FAIR_ERR_COLUMN_NOT_FOUND']);
      // Refused by the backend's own checks: no analysis ran, nothing is counted.
      const invalid = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: json,
        payload: '{"config":{}}',
      });
      expect(invalid.statusCode).toBe(400);
      // An idempotent replay is the same analysis, not a second one.
      const keyed = { ...json, 'idempotency-key': 'metrics-replay-1' };
      const first = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: keyed,
        payload: analysisBody(50),
      });
      const replay = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: keyed,
        payload: analysisBody(50),
      });
      expect([first.statusCode, replay.statusCode, replay.json().id]).toEqual([201, 201, first.json().id]);

      const expected: Record<string, number> = { 'outcome=rejected,verdict=none': 1 };
      for (const v of [verdict, first.json().verdict])
        expected[`outcome=completed,verdict=${v}`] = (expected[`outcome=completed,verdict=${v}`] ?? 0) + 1;
      const s = await scrape(t);
      expect(family(s, 'ethixai_analyses_total')).toEqual(expected);
      expect(sampleValue(s, 'ethixai_rows_analysed_total')).toBe(250);
      // The analysis latency SLO's histogram: the two completed synchronous analyses, no job yet.
      expect(sampleValue(s, 'ethixai_analysis_normalized_duration_seconds_count', { mode: 'sync' })).toBe(2);
      expect(sampleValue(s, 'ethixai_analysis_normalized_duration_seconds_count', { mode: 'job' }) ?? 0).toBe(0);

      // A job counts once, when its report is committed by the worker.
      const queued = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: asyncHeaders,
        payload: analysisBody(100),
      });
      expect(queued.statusCode).toBe(202);
      const done = await waitForJob(t, analyst, queued.json().id, 'succeeded');
      expect(done.status).toBe('succeeded');
      const jobVerdict = (await t.injectAs(analyst, { method: 'GET', url: `/v1/reports/${done.reportId}` })).json()
        .verdict;
      const after = await scrape(t);
      expected[`outcome=completed,verdict=${jobVerdict}`] =
        (expected[`outcome=completed,verdict=${jobVerdict}`] ?? 0) + 1;
      expect(family(after, 'ethixai_analyses_total')).toEqual(expected);
      expect(sampleValue(after, 'ethixai_rows_analysed_total')).toBe(350);
      expect(sampleValue(after, 'ethixai_analysis_normalized_duration_seconds_count', { mode: 'job' })).toBe(1);
      // A job that fails for good counts once, as ai-core's verdict on its input says (rejected).
      const bad = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: asyncHeaders,
        payload: analysisBody(10, { label: 'y', prediction: 'p', sensitive: ['missing'] }),
      });
      expect((await waitForJob(t, analyst, bad.json().id, 'failed')).error.code).toBe('FAIR_ERR_COLUMN_NOT_FOUND');
      expect(sampleValue(await scrape(t), 'ethixai_analyses_total', { outcome: 'rejected', verdict: 'none' })).toBe(2);
      expect(family(after, 'ethixai_dependency_up')).toEqual({ 'dependency=ai_core': 1, 'dependency=database': 1 });
      expect(family(after, 'ethixai_dependency_circuit_state')).toEqual({
        'dependency=ai_core,state=closed': 1,
        'dependency=ai_core,state=open': 0,
        'dependency=ai_core,state=half_open': 0,
      });
    } finally {
      await t.close();
    }
  });

  it('counts analyses refused while ai-core is down as unavailable, and shows its circuit opening', async () => {
    const t = await buildBackend(await deadUrl(), { METRICS_STATE_MAX_AGE_MS: '0' });
    try {
      const analyst = await t.createUser('analyst');
      let sent = 0;
      let message = '';
      while (!message.includes('circuit is open') && sent < 12) {
        const res = await t.injectAs(analyst, {
          method: 'POST',
          url: '/v1/analyses',
          headers: json,
          payload: analysisBody(20),
        });
        expect([res.statusCode, res.json().code]).toEqual([503, 'BE_ERR_AI_CORE_UNAVAILABLE']);
        message = res.json().message;
        sent++;
      }
      expect(message).toContain('circuit is open');
      const s = await scrape(t);
      expect(family(s, 'ethixai_analyses_total')).toEqual({ 'outcome=unavailable,verdict=none': sent });
      expect(sampleValue(s, 'ethixai_rows_analysed_total')).toBe(0);
      expect(family(s, 'ethixai_dependency_up')).toEqual({ 'dependency=ai_core': 0, 'dependency=database': 1 });
      expect(sampleValue(s, 'ethixai_dependency_circuit_state', { dependency: 'ai_core', state: 'open' })).toBe(1);
      expect(sampleValue(s, 'ethixai_dependency_circuit_state', { dependency: 'ai_core', state: 'closed' })).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('reports the queue depth and the oldest queued job age at scrape time', async () => {
    const t = await buildBackend(aiCore.url, { METRICS_STATE_MAX_AGE_MS: '0', JOB_WORKER: 'false' });
    try {
      const analyst = await t.createUser('analyst');
      let s = await scrape(t);
      expect([
        sampleValue(s, 'ethixai_analysis_jobs_queued'),
        sampleValue(s, 'ethixai_analysis_jobs_oldest_age_seconds'),
      ]).toEqual([0, 0]);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(
          (
            await t.injectAs(analyst, {
              method: 'POST',
              url: '/v1/analyses',
              headers: asyncHeaders,
              payload: analysisBody(5 + i),
            })
          ).json().id,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
      s = await scrape(t);
      expect(sampleValue(s, 'ethixai_analysis_jobs_queued')).toBe(3);
      const age = sampleValue(s, 'ethixai_analysis_jobs_oldest_age_seconds');
      expect(age).toBeGreaterThan(0.04);
      expect(age).toBeLessThan(120);
      await t.injectAs(analyst, { method: 'POST', url: `/v1/jobs/${ids[0]}/cancel` });
      expect(sampleValue(await scrape(t), 'ethixai_analysis_jobs_queued')).toBe(2);
      for (const id of ids.slice(1)) await t.injectAs(analyst, { method: 'POST', url: `/v1/jobs/${id}/cancel` });
      s = await scrape(t);
      expect([
        sampleValue(s, 'ethixai_analysis_jobs_queued'),
        sampleValue(s, 'ethixai_analysis_jobs_oldest_age_seconds'),
      ]).toEqual([0, 0]);
      // No analysis finished: cancelled jobs are not analyses.
      expect(family(s, 'ethixai_analyses_total')).toEqual({});
    } finally {
      await t.close();
    }
  });

  it('serves the state gauges from a short cache (METRICS_STATE_MAX_AGE_MS)', async () => {
    const t = await buildBackend(aiCore.url, { METRICS_STATE_MAX_AGE_MS: '60000', JOB_WORKER: 'false' });
    try {
      const analyst = await t.createUser('analyst');
      expect(sampleValue(await scrape(t), 'ethixai_analysis_jobs_queued')).toBe(0);
      await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: asyncHeaders,
        payload: analysisBody(5),
      });
      expect(sampleValue(await scrape(t), 'ethixai_analysis_jobs_queued')).toBe(0);
      expect((await t.app.jobQueue.stats()).queued).toBe(1);
    } finally {
      await t.close();
    }
  });
});
