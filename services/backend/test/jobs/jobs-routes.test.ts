import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { TestDialect } from '../dialects.ts';
import type { TestApp, TestUser } from '../helper.ts';
import { analysisBody, buildBackend, deadUrl, startAiCore } from '../analyses/two-services.ts';

const asyncHeaders = { 'content-type': 'application/json', prefer: 'respond-async' };

async function waitForJob(t: TestApp, user: TestUser, id: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await t.injectAs(user, { method: 'GET', url: `/v1/jobs/${id}` })).json();
    if (job.status === status || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One SQLite file shared by successive app instances (a process restart); removed at the end. */
function sharedSqlite(file: string): TestDialect {
  return {
    name: 'sqlite',
    async open() {
      const url = `sqlite:${file}`;
      const handle = connect({ url });
      await migrateToLatest(handle.db);
      return { handle, url, dispose: () => handle.close() };
    },
  };
}

describe('analysis jobs', () => {
  let aiCore: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    aiCore = await startAiCore();
  });
  afterAll(() => aiCore.app.close());

  it('answers 202 + Location for Prefer: respond-async and completes the job with a report', async () => {
    const t = await buildBackend(aiCore.url);
    try {
      const analyst = await t.createUser('analyst');
      const res = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: asyncHeaders,
        payload: analysisBody(100),
      });
      expect(res.statusCode).toBe(202);
      expect(res.headers['preference-applied']).toBe('respond-async');
      const job = res.json();
      expect(res.headers.location).toBe(`/v1/jobs/${job.id}`);
      expect(job).toMatchObject({ status: 'queued', progress: 0, reportId: null, error: null });
      const done = await waitForJob(t, analyst, job.id, 'succeeded');
      expect(done).toMatchObject({ status: 'succeeded', progress: 1, attempts: 1, error: null });
      const report = await t.injectAs(analyst, { method: 'GET', url: `/v1/reports/${done.reportId}` });
      expect(report.json()).toMatchObject({ id: done.reportId, rows: 100 });
      const late = await t.injectAs(analyst, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('BE_ERR_JOB_NOT_CANCELLABLE');
      const stats = await t.app.jobQueue.stats();
      expect(stats).toEqual({ queued: 0, running: 0, oldestQueuedAgeSeconds: 0 });
    } finally {
      await t.close();
    }
  });

  it("records ai-core's 4xx code on a failed job, and scopes jobs to the organisation", async () => {
    const t = await buildBackend(aiCore.url);
    try {
      const analyst = await t.createUser('analyst');
      const payload = analysisBody(10, { label: 'y', prediction: 'p', sensitive: ['missing'] });
      const job = (
        await t.injectAs(analyst, { method: 'POST', url: '/v1/analyses', headers: asyncHeaders, payload })
      ).json();
      const failed = await waitForJob(t, analyst, job.id, 'failed');
      expect(failed).toMatchObject({ status: 'failed', reportId: null, error: { code: 'FAIR_ERR_COLUMN_NOT_FOUND' } });
      const stranger = await t.createOrg();
      for (const [method, url] of [
        ['GET', `/v1/jobs/${job.id}`],
        ['POST', `/v1/jobs/${job.id}/cancel`],
      ] as const) {
        const res = await t.injectAs(stranger, { method, url });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('BE_ERR_JOB_NOT_FOUND');
      }
      const viewer = await t.createUser('viewer');
      expect((await t.injectAs(viewer, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` })).json().code).toBe(
        'BE_ERR_FORBIDDEN',
      );
    } finally {
      await t.close();
    }
  });

  it('survives a restart: a job accepted by one app instance is completed by the next one on the same database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-jobs-'));
    const dialect = sharedSqlite(path.join(dir, 'db.sqlite'));
    try {
      // First instance: ai-core unreachable, so the job cannot finish before the app is closed.
      const first = await buildBackend(await deadUrl(), {}, dialect);
      const analyst = await first.createUser('analyst');
      const res = await first.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: asyncHeaders,
        payload: analysisBody(60),
      });
      expect(res.statusCode).toBe(202);
      const jobId = res.json().id;
      const queuedCount = (await first.app.jobQueue.stats()).queued + (await first.app.jobQueue.stats()).running;
      expect(queuedCount).toBe(1);
      await first.close();

      const second = await buildBackend(aiCore.url, {}, dialect);
      try {
        const done = await waitForJob(second, analyst, jobId, 'succeeded', 20_000);
        expect(done.status).toBe('succeeded');
        expect(
          (await second.injectAs(analyst, { method: 'GET', url: `/v1/reports/${done.reportId}` })).json().rows,
        ).toBe(60);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancels a queued job', async () => {
    const t = await buildBackend(await deadUrl());
    try {
      const analyst = await t.createUser('analyst');
      const job = (
        await t.injectAs(analyst, {
          method: 'POST',
          url: '/v1/analyses',
          headers: asyncHeaders,
          payload: analysisBody(5),
        })
      ).json();
      const res = await t.injectAs(analyst, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: job.id, status: 'cancelled', reportId: null });
      expect((await t.injectAs(analyst, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` })).json().status).toBe(
        'cancelled',
      );
    } finally {
      await t.close();
    }
  });
});
