import type { Kysely } from 'kysely';
import type { ReportSummary } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import type { AiCoreClient, AiCoreResult } from '../ai-core-client/ai-core-client.ts';
import { inflateChunks } from '../datasets/dataset-ingest.ts';
import type { DatasetsRepository } from '../datasets/datasets-repository.ts';
import { httpError } from '../errors.ts';
import type { ReportsRepository } from '../reports/reports-repository.ts';
import type { ReportTables } from '../reports/reports-table.ts';
import { summariseResult, UnreadableResultError, type ResultSummary } from '../reports/report-summary.ts';
import type { AnalysisInput } from './analysis-request.ts';

export interface AnalysisOutcome {
  readonly result: Buffer;
  readonly summary: ResultSummary;
  readonly datasetId: string | null;
}

/**
 * One analysis: resolve the input (inline bytes or a stored dataset), call ai-core, take the
 * summary from its headers (or, without them, from the result's small top-level members) and keep
 * the result as bytes. Persisting is separate so the job worker can commit the report and the
 * job's success in one transaction.
 */
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** First and last non-blank bytes are `{` and `}` (a cheap check; the fallback path parses). */
function isJsonObjectText(bytes: Buffer): boolean {
  let start = 0;
  let end = bytes.length - 1;
  while (start <= end && WS.has(bytes[start])) start++;
  while (end >= start && WS.has(bytes[end])) end--;
  return end > start && bytes[start] === 0x7b && bytes[end] === 0x7d;
}

export function createAnalysisRunner(deps: {
  db: Kysely<Database>;
  aiCore: AiCoreClient;
  datasets: DatasetsRepository;
  reports: ReportsRepository;
}) {
  async function analyze(input: AnalysisInput, orgId: string, signal?: AbortSignal): Promise<AnalysisOutcome> {
    let answer: AiCoreResult;
    let datasetId: string | null = null;
    if (input.kind === 'inline') {
      answer = await deps.aiCore.analyzeJson(input.body, signal);
    } else {
      const dataset = await deps.datasets.find(orgId, input.datasetId);
      if (!dataset) throw httpError('BE_ERR_DATASET_NOT_FOUND', `Dataset ${input.datasetId} not found`);
      datasetId = dataset.id;
      answer = await deps.aiCore.analyzeCsv(inflateChunks(deps.datasets.chunks(dataset.id)), input.configJson, signal);
    }
    try {
      // With the summary headers the body is stored unread; it must still be one JSON object,
      // because GET /v1/reports/:id splices it into the report envelope as is.
      if (answer.summary !== null && !isJsonObjectText(answer.body))
        throw new UnreadableResultError('the body is not a JSON object');
      return { result: answer.body, summary: answer.summary ?? summariseResult(answer.body), datasetId };
    } catch (error) {
      if (error instanceof UnreadableResultError)
        throw httpError('BE_ERR_AI_CORE_BAD_RESPONSE', error.message, { cause: error });
      throw error;
    }
  }

  return {
    analyze,

    /**
     * Synchronous path: analyse, then persist the report together with what `alongside` writes
     * (its audit entry) in one transaction; committed before it is returned.
     */
    async run(
      input: AnalysisInput,
      orgId: string,
      createdBy: string,
      alongside: (trx: Kysely<Database>, report: ReportSummary) => Promise<unknown>,
      signal?: AbortSignal,
    ): Promise<{ summary: ReportSummary; result: Buffer }> {
      const outcome = await analyze(input, orgId, signal);
      const summary = await deps.db.transaction().execute(async (trx) => {
        const saved = await deps.reports.insert(
          { ...outcome.summary, orgId, createdBy, datasetId: outcome.datasetId, result: outcome.result },
          trx as unknown as Kysely<ReportTables>,
        );
        await alongside(trx, saved);
        return saved;
      });
      return { summary, result: outcome.result };
    },
  };
}

export type AnalysisRunner = ReturnType<typeof createAnalysisRunner>;
