import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Job } from '@ethixai/contracts';
import type { JobTables, JobsTable } from './jobs-table.ts';

export interface QueueStats {
  readonly queued: number;
  readonly running: number;
  /** Age of the oldest queued job in seconds; 0 when the queue is empty. */
  readonly oldestQueuedAgeSeconds: number;
}

export function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    status: row.status,
    progress: Number(row.progress),
    datasetId: row.dataset_id,
    reportId: row.report_id,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    attempts: row.attempts,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

function claimable(eb: ExpressionBuilder<JobTables, 'jobs'>, now: number): Expression<SqlBool> {
  return eb.or([
    eb.and([eb('status', '=', 'queued'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)])]),
    eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
  ]);
}

/**
 * The job queue is a table: a claim is one UPDATE ... RETURNING guarded by the same predicate it
 * selected on, so two workers (or replicas) can never both win a job, and a job whose worker died
 * becomes claimable again when its lease runs out.
 */
export function createJobsRepository(db: Kysely<JobTables>) {
  // PostgreSQL: concurrent claimers skip each other's candidate row instead of queueing behind it
  // (SQLite has one writer at a time, so the question does not arise there).
  const skipLocked = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async enqueue(job: { orgId: string; createdBy: string; datasetId: string | null; payload: Buffer }): Promise<Job> {
      const now = Date.now();
      const row: JobsTable = {
        id: randomUUID(),
        org_id: job.orgId,
        created_by: job.createdBy,
        status: 'queued',
        progress: 0,
        payload: job.payload,
        dataset_id: job.datasetId,
        report_id: null,
        error_code: null,
        error_message: null,
        attempts: 0,
        lease_owner: null,
        lease_until: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('jobs').values(row).execute();
      return toJob(row);
    },

    async find(orgId: string, id: string): Promise<Job | null> {
      const row = await db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },

    async claim(worker: string, leaseMs: number): Promise<JobsTable | null> {
      const now = Date.now();
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          lease_owner: worker,
          lease_until: now + leaseMs,
          progress: 0.1,
          updated_at: now,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', (eb) => {
          const next = eb
            .selectFrom('jobs')
            .select('id')
            .where((e) => claimable(e, now))
            .orderBy('created_at')
            .limit(1);
          return skipLocked ? next.forUpdate().skipLocked() : next;
        })
        .where((eb) => claimable(eb, now))
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    /** Extends the lease; false when the job is no longer ours (cancelled or taken over). */
    async heartbeat(id: string, worker: string, leaseMs: number, progress?: number): Promise<boolean> {
      const now = Date.now();
      const result = await db
        .updateTable('jobs')
        .set({ lease_until: now + leaseMs, updated_at: now, ...(progress === undefined ? {} : { progress }) })
        .where('id', '=', id)
        .where('lease_owner', '=', worker)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Marks success inside the caller's transaction; false when the job was cancelled meanwhile. */
    async succeed(trx: Kysely<JobTables>, id: string, worker: string, reportId: string): Promise<boolean> {
      const result = await trx
        .updateTable('jobs')
        .set({
          status: 'succeeded',
          progress: 1,
          report_id: reportId,
          lease_owner: null,
          lease_until: null,
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', worker)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async fail(id: string, worker: string, code: string, message: string): Promise<void> {
      await db
        .updateTable('jobs')
        .set({
          status: 'failed',
          error_code: code,
          error_message: message.slice(0, 1000),
          lease_owner: null,
          lease_until: null,
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', worker)
        .where('status', '=', 'running')
        .execute();
    },

    /** Puts a job back in the queue after a transient failure, not to be claimed before `notBefore`. */
    async requeue(id: string, worker: string, notBefore: number, code: string, message: string): Promise<void> {
      await db
        .updateTable('jobs')
        .set({
          status: 'queued',
          progress: 0,
          lease_owner: null,
          lease_until: notBefore,
          error_code: code,
          error_message: message.slice(0, 1000),
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', worker)
        .where('status', '=', 'running')
        .execute();
    },

    /** Cancels a queued or running job; null when there is no such job, false when it had already finished. */
    async cancel(orgId: string, id: string): Promise<boolean | null> {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'cancelled', lease_owner: null, lease_until: null, updated_at: Date.now() })
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return true;
      return (await this.find(orgId, id)) ? false : null;
    },

    async stats(): Promise<QueueStats> {
      const rows = await db
        .selectFrom('jobs')
        .select(['status', sql<number>`count(*)`.as('n'), sql<number | null>`min(created_at)`.as('oldest')])
        .where('status', 'in', ['queued', 'running'])
        .groupBy('status')
        .execute();
      const queued = rows.find((r) => r.status === 'queued');
      const running = rows.find((r) => r.status === 'running');
      const oldest = queued?.oldest == null ? null : Number(queued.oldest);
      return {
        queued: Number(queued?.n ?? 0),
        running: Number(running?.n ?? 0),
        oldestQueuedAgeSeconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
      };
    },
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
