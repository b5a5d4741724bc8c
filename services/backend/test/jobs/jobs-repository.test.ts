import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createJobsRepository } from '../../src/jobs/jobs-repository.ts';
import type { JobTables } from '../../src/jobs/jobs-table.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

for (const dialect of DIALECTS) {
  describe(`jobs repository (${dialect.name})`, () => {
    let database: TestDatabase;
    let jobs: ReturnType<typeof createJobsRepository>;
    const org = '00000000-0000-4000-8000-000000000001';
    const user = '00000000-0000-4000-8000-000000000002';

    beforeAll(async () => {
      database = await dialect.open();
      jobs = createJobsRepository(database.handle.db as unknown as Kysely<JobTables>);
    });
    afterAll(() => database.dispose());

    it('hands each queued job to exactly one worker, oldest first, and reports queue stats', async () => {
      const first = await jobs.enqueue({ orgId: org, createdBy: user, datasetId: null, payload: Buffer.from('a') });
      await new Promise((r) => setTimeout(r, 5));
      const second = await jobs.enqueue({ orgId: org, createdBy: user, datasetId: null, payload: Buffer.from('b') });
      expect((await jobs.stats()).queued).toBe(2);
      const [a, b, none] = await Promise.all([
        jobs.claim('w1', 60_000),
        jobs.claim('w2', 60_000),
        jobs.claim('w3', 60_000),
      ]);
      // Which of the three concurrent claims comes back empty is up to the database (SKIP LOCKED on PostgreSQL).
      const won = [a, b, none].filter((j) => j !== null);
      expect(won.map((j) => j.id).sort()).toEqual([first.id, second.id].sort());
      expect(won.map((j) => j.attempts)).toEqual([1, 1]);
      expect(won.map((j) => Buffer.from(j.payload).toString()).sort()).toEqual(['a', 'b']);
      expect(await jobs.stats()).toEqual({ queued: 0, running: 2, oldestQueuedAgeSeconds: 0 });
      for (const job of won) await jobs.fail(job.id, job.lease_owner!, 'X', 'done with it');
    });

    it('lets another worker take a job whose lease ran out, and refuses the old worker', async () => {
      const job = await jobs.enqueue({ orgId: org, createdBy: user, datasetId: null, payload: Buffer.from('c') });
      expect((await jobs.claim('dead', 1))!.id).toBe(job.id);
      await new Promise((r) => setTimeout(r, 10));
      const again = await jobs.claim('alive', 60_000);
      expect(again!.id).toBe(job.id);
      expect(again!.attempts).toBe(2);
      expect(await jobs.heartbeat(job.id, 'dead', 60_000)).toBe(false);
      expect(await jobs.heartbeat(job.id, 'alive', 60_000, 0.5)).toBe(true);
      const db = database.handle.db as unknown as Kysely<JobTables>;
      const reportId = '00000000-0000-4000-8000-0000000000aa';
      expect(await jobs.succeed(db, job.id, 'dead', reportId)).toBe(false);
      expect(await jobs.succeed(db, job.id, 'alive', reportId)).toBe(true);
      expect(await jobs.find(org, job.id)).toMatchObject({
        status: 'succeeded',
        progress: 1,
        reportId,
        attempts: 2,
        error: null,
      });
    });

    it('cancels queued jobs only once, and hides jobs of other organisations', async () => {
      const job = await jobs.enqueue({ orgId: org, createdBy: user, datasetId: null, payload: Buffer.from('d') });
      const other = '00000000-0000-4000-8000-000000000009';
      expect(await jobs.cancel(other, job.id)).toBeNull();
      expect(await jobs.find(other, job.id)).toBeNull();
      expect(await jobs.cancel(org, job.id)).toBe(true);
      expect(await jobs.cancel(org, job.id)).toBe(false);
      expect(await jobs.claim('w', 60_000)).toBeNull();
    });

    it('requeues with a not-before time after a transient failure', async () => {
      const job = await jobs.enqueue({ orgId: org, createdBy: user, datasetId: null, payload: Buffer.from('e') });
      await jobs.claim('w', 60_000);
      await jobs.requeue(job.id, 'w', Date.now() + 60_000, 'BE_ERR_AI_CORE_UNAVAILABLE', 'down');
      expect(await jobs.claim('w', 60_000)).toBeNull();
      expect(await jobs.find(org, job.id)).toMatchObject({
        status: 'queued',
        error: { code: 'BE_ERR_AI_CORE_UNAVAILABLE', message: 'down' },
      });
      expect((await jobs.stats()).queued).toBe(1);
    });
  });
}
