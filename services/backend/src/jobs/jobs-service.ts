import type { Kysely } from 'kysely';
import type { Job } from '@ethixai/contracts';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { createJobsRepository, type QueueStats } from './jobs-repository.ts';
import type { JobTables } from './jobs-table.ts';

const notFound = (id: string) => httpError('BE_ERR_JOB_NOT_FOUND', `Job ${id} not found`);

/** Job resources of asynchronous analyses: status, progress, report id or error code; cancel. */
export function createJobsService(db: Kysely<Database>) {
  const jobs = createJobsRepository(db as unknown as Kysely<JobTables>);
  return {
    async get(orgId: string, id: string): Promise<Job> {
      const job = await jobs.find(orgId, id);
      if (!job) throw notFound(id);
      return job;
    },

    /** Cancelling twice is harmless (the job is answered again); cancelling a finished job is a conflict. */
    async cancel(id: string, by: Initiator): Promise<Job> {
      const cancelled = await jobs.cancel(by.orgId, id);
      if (cancelled === null) throw notFound(id);
      if (cancelled) await auditChange(db, by, 'job.cancel', { type: 'job', id }, { status: 'cancelled' });
      const job = await this.get(by.orgId, id);
      if (!cancelled && job.status !== 'cancelled')
        throw httpError('BE_ERR_JOB_NOT_CANCELLABLE', `Job ${job.id} has already ${job.status}`);
      return job;
    },

    /** Queue depth and the oldest queued job's age, for metrics and /health/dependencies. */
    stats(): Promise<QueueStats> {
      return jobs.stats();
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
