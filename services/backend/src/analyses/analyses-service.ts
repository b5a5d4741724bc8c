import type { Kysely } from 'kysely';
import type { AnalysisRequest, ReportSummary } from '@ethixai/contracts';
import { AiCoreClientError } from '../ai-core-client/ai-core-failures.ts';
import { upstreamErrorResponse } from '../ai-core-client/upstream-reply.ts';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import type { Database } from '../db/schema.ts';
import type { DatasetsRepository } from '../datasets/datasets-repository.ts';
import { httpError } from '../errors.ts';
import type { IdempotencyRepository, StoredResponse } from '../idempotency/idempotency-repository.ts';
import { answerOnce, sha256, type Answer, type IdempotencyKey } from '../idempotency/idempotent-call.ts';
import { jobPayload } from '../jobs/job-payload.ts';
import type { JobsRepository } from '../jobs/jobs-repository.ts';
import type { BackendMetrics } from '../plugins/business-metrics.ts';
import { reportBody } from '../reports/report-body.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { analysisInput, type AnalysisInput } from './analysis-request.ts';
import type { AnalysesSettings } from './analyses-settings.ts';

export interface AnalysisCall {
  readonly by: Initiator;
  readonly request: AnalysisRequest;
  /** The bytes `request` was parsed from: forwarded to ai-core, hashed for idempotency and the audit. */
  readonly raw: Buffer;
  /** `Prefer: respond-async`: always queue as a job. */
  readonly respondAsync: boolean;
  readonly idempotency: IdempotencyKey | null;
  /** performance.now() when the request arrived: the analysis latency SLO counts from there. */
  readonly receivedAt?: number;
}

export interface AnalysesDeps {
  readonly db: Kysely<Database>;
  readonly datasets: DatasetsRepository;
  readonly jobs: JobsRepository;
  readonly idempotency: IdempotencyRepository;
  readonly runner: AnalysisRunner;
  readonly metrics: BackendMetrics;
  readonly settings: AnalysesSettings;
}

/**
 * `POST /v1/analyses`: small analyses run now and answer 201 with the report (committed together
 * with its audit entry); large inputs, or `Prefer: respond-async`, become jobs (202 + Location).
 */
export function createAnalysesService(deps: AnalysesDeps) {
  const { settings } = deps;

  async function shouldQueue(input: AnalysisInput, orgId: string, asked: boolean): Promise<boolean> {
    if (asked) return true;
    if (input.kind === 'inline') return input.body.length > settings.ANALYSIS_ASYNC_BYTES;
    const dataset = await deps.datasets.find(orgId, input.datasetId);
    if (!dataset) throw httpError('BE_ERR_DATASET_NOT_FOUND', `Dataset ${input.datasetId} not found`);
    return dataset.rows > settings.ANALYSIS_ASYNC_ROWS;
  }

  async function enqueue(call: AnalysisCall, input: AnalysisInput): Promise<StoredResponse> {
    const { by, raw } = call;
    const job = await deps.jobs.enqueue({ orgId: by.orgId, createdBy: by.actor.id, ...jobPayload(input) });
    await auditChange(
      deps.db,
      by,
      'job.create',
      { type: 'job', id: job.id },
      { datasetId: job.datasetId, request: sha256(raw) },
    );
    const headers: Record<string, string> = { location: `/v1/jobs/${job.id}` };
    if (call.respondAsync) headers['preference-applied'] = 'respond-async';
    return { statusCode: 202, headers, body: Buffer.from(JSON.stringify(job)) };
  }

  async function runNow(call: AnalysisCall, input: AnalysisInput): Promise<StoredResponse> {
    const { by, raw } = call;
    // The report and its audit entry commit together.
    const audit = (trx: Kysely<Database>, saved: ReportSummary) =>
      auditChange(
        trx,
        by,
        'analysis.create',
        { type: 'report', id: saved.id },
        { datasetId: saved.datasetId, request: sha256(raw) },
      );
    const report = await deps.metrics.observeAnalysis(
      () => deps.runner.run(input, by.orgId, by.actor.id, audit),
      call.receivedAt,
    );
    // Not put in the report cache here: at hundreds of analyses per second, caching every new
    // 100 KB body keeps V8's external memory at its limit and forces a full GC several times a
    // second (p95 91 ms → 42 ms at 200/s without it). Reads fill the cache.
    return {
      statusCode: 201,
      headers: { location: `/v1/reports/${report.summary.id}` },
      body: reportBody(report.summary, report.result),
    };
  }

  return {
    async create(call: AnalysisCall): Promise<Answer> {
      const input = analysisInput(call.request, call.raw);
      const hashRequest = () => sha256(call.respondAsync ? 'async\n' : 'sync\n', call.raw);
      try {
        return await answerOnce(deps.idempotency, call.idempotency, hashRequest, async () =>
          (await shouldQueue(input, call.by.orgId, call.respondAsync)) ? enqueue(call, input) : runNow(call, input),
        );
      } catch (error) {
        // The client's own mistake as ai-core found it (an unknown column...): its status and body.
        if (error instanceof AiCoreClientError)
          return { response: { ...upstreamErrorResponse(error), headers: {} }, replayed: false };
        throw error;
      }
    },
  };
}

export type AnalysesService = ReturnType<typeof createAnalysesService>;
