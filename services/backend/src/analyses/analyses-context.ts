import type { Kysely } from 'kysely';
import { createAiCoreClient } from '../ai-core-client/ai-core-client.ts';
import { createDatasetsRepository } from '../datasets/datasets-repository.ts';
import { createIdempotencyRepository } from '../idempotency/idempotency-repository.ts';
import { createJobsRepository } from '../jobs/jobs-repository.ts';
import { createReportsRepository } from '../reports/reports-repository.ts';
import { ReportCache } from '../reports/report-cache.ts';
import type { Database } from '../db/schema.ts';
import { createAnalysisRunner } from './analysis-runner.ts';
import type { AnalysesSettings } from './analyses-settings.ts';

/** Everything the datasets/analyses/reports/jobs routes and the job worker share. */
export function createAnalysesContext(db: Kysely<Database>, settings: AnalysesSettings) {
  // Kysely's DB parameter is invariant: each repository sees only its own tables of the same instance.
  const narrow = <T>() => db as unknown as Kysely<T>;
  const datasets = createDatasetsRepository(narrow());
  const reports = createReportsRepository(narrow());
  const jobs = createJobsRepository(narrow());
  const idempotency = createIdempotencyRepository(narrow(), settings.idempotencyTtlMs, settings.idempotencyStaleMs);
  const aiCore = createAiCoreClient(settings.aiCore);
  const runner = createAnalysisRunner({ db, aiCore, datasets, reports });
  const reportCache = new ReportCache(settings.reportCacheBytes, settings.reportCacheTtlMs);
  return { db, settings, datasets, reports, reportCache, jobs, idempotency, aiCore, runner };
}

export type AnalysesContext = ReturnType<typeof createAnalysesContext>;
