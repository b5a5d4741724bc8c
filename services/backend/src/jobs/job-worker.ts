import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { trace } from '@opentelemetry/api';
import { ATTR_JOB_ID, SPAN_ANALYSIS_JOB, TRACER_SCOPE } from '@ethixai/observability';
import { AiCoreClientError } from '../ai-core-client/ai-core-failures.ts';
import type { AnalysisRunner } from '../analyses/analysis-runner.ts';
import type { AnalysesSettings } from '../analyses/analyses-settings.ts';
import type { Database } from '../db/schema.ts';
import type { IdempotencyRepository } from '../idempotency/idempotency-repository.ts';
import type { ReportsRepository } from '../reports/reports-repository.ts';
import type { JobsRepository } from './jobs-repository.ts';
import { httpError } from '../errors.ts';
import { appendAudit } from '../audit-log/audit-log-repository.ts';
import { digestOf } from '../audit-log/canonical-json.ts';
import type { BackendMetrics } from '../plugins/business-metrics.ts';
import type { JobTables, JobsTable } from './jobs-table.ts';
import type { ReportTables } from '../reports/reports-table.ts';
import { inputOfJob } from './job-payload.ts';

const TRANSIENT = new Set(['BE_ERR_AI_CORE_UNAVAILABLE', 'BE_ERR_AI_CORE_TIMEOUT', 'BE_ERR_AI_CORE_FAILED']);
const PURGE_EVERY_MS = 10 * 60 * 1000;

export interface JobWorkerDeps {
  readonly db: Kysely<Database>;
  readonly jobs: JobsRepository;
  readonly reports: ReportsRepository;
  readonly idempotency: IdempotencyRepository;
  readonly runner: AnalysisRunner;
  readonly settings: AnalysesSettings;
}

/**
 * Polls the jobs table and runs one job at a time in this process. The lease is renewed while
 * ai-core works; a cancel (or a lost lease) aborts the call. Report and job success commit in one
 * transaction, so a job is never "succeeded" without its report nor a report left by a cancelled job.
 */
export function createJobWorker(ctx: JobWorkerDeps, log: FastifyBaseLogger, metrics: BackendMetrics) {
  const worker = `worker-${randomUUID()}`;
  const { JOB_LEASE_MS: leaseMs, JOB_POLL_MS: pollMs, JOB_MAX_ATTEMPTS: maxAttempts } = ctx.settings;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let lastPurge = 0;

  // Each job is a trace of its own (a root span, sampled at the configured ratio), whatever
  // context the poll loop happens to run in; its queries and its call to ai-core are children.
  function runJob(job: JobsTable): Promise<void> {
    return trace
      .getTracer(TRACER_SCOPE)
      .startActiveSpan(SPAN_ANALYSIS_JOB, { root: true, attributes: { [ATTR_JOB_ID]: job.id } }, (span) =>
        runJobInSpan(job).finally(() => span.end()),
      );
  }

  async function runJobInSpan(job: JobsTable): Promise<void> {
    const abort = new AbortController();
    const beat = setInterval(
      () => {
        ctx.jobs.heartbeat(job.id, worker, leaseMs).then(
          (ours) => {
            if (!ours) abort.abort();
          },
          () => {},
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      const outcome = await ctx.runner.analyze(
        inputOfJob(job.dataset_id, Buffer.from(job.payload)),
        job.org_id,
        abort.signal,
      );
      await ctx.jobs.heartbeat(job.id, worker, leaseMs, 0.9);
      await ctx.db.transaction().execute(async (trx) => {
        const report = await ctx.reports.insert(
          {
            ...outcome.summary,
            orgId: job.org_id,
            createdBy: job.created_by,
            datasetId: outcome.datasetId,
            result: outcome.result,
          },
          trx as unknown as Kysely<ReportTables>,
        );
        if (!(await ctx.jobs.succeed(trx as unknown as Kysely<JobTables>, job.id, worker, report.id)))
          throw new JobLostError();
        await appendAudit(trx, {
          orgId: job.org_id,
          actor: { kind: 'system', id: 'analysis-job' },
          action: 'analysis.create',
          target: { type: 'report', id: report.id },
          requestId: null,
          digest: digestOf({ jobId: job.id, createdBy: job.created_by, datasetId: job.dataset_id }),
        });
      });
      metrics.analysisCompleted(outcome.summary, (Date.now() - job.created_at) / 1000);
    } catch (error) {
      if (error instanceof JobLostError || abort.signal.aborted) return;
      await recordFailure(job, error);
    } finally {
      clearInterval(beat);
    }
  }

  async function recordFailure(job: JobsTable, error: unknown): Promise<void> {
    if (!(httpError.is(error) && TRANSIENT.has(error.code) && job.attempts < maxAttempts))
      metrics.analysisFailed(error);
    if (error instanceof AiCoreClientError)
      return ctx.jobs.fail(
        job.id,
        worker,
        error.code ?? `AI_CORE_${error.statusCode}`,
        error.body.toString('utf8').slice(0, 1000),
      );
    if (httpError.is(error)) {
      if (TRANSIENT.has(error.code) && job.attempts < maxAttempts) {
        return ctx.jobs.requeue(job.id, worker, Date.now() + 1000 * 2 ** job.attempts, error.code, error.message);
      }
      return ctx.jobs.fail(job.id, worker, error.code, error.message);
    }
    log.error({ err: error, jobId: job.id }, 'job failed unexpectedly');
    return ctx.jobs.fail(job.id, worker, 'BE_ERR_INTERNAL', 'the job failed unexpectedly');
  }

  async function tick(): Promise<void> {
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      await ctx.idempotency.purgeExpired();
    }
    for (
      let job = await ctx.jobs.claim(worker, leaseMs);
      job && !stopped;
      job = await ctx.jobs.claim(worker, leaseMs)
    ) {
      await runJob(job);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((err) => log.error({ err }, 'job worker tick failed'))
        .finally(() => {
          running = null;
          schedule();
        });
    }, pollMs);
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops polling and waits for the job in hand (its lease lets another worker finish it if we die first). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

class JobLostError extends Error {}
