import type { Kysely } from 'kysely';
import type {
  DecisionBatch,
  DecisionInput,
  EvaluateBatchResult,
  EvaluateResult,
  EvaluationDetail,
  EvaluationList,
  EvaluationListQuery,
  Evaluation,
} from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { httpError } from '../../errors.ts';
import type { BackendMetrics } from '../../plugins/business-metrics.ts';
import type { LiveWindow } from '../live-window/live-window.ts';
import type { ModelCatalog } from '../models/model-catalog.ts';
import { createEvaluateService } from './evaluate-service.ts';
import { toEvaluation, toEvaluationDetail } from './evaluation-row.ts';
import { createEvaluationsRepository } from './evaluations-repository.ts';
import type { GroupCommitWriter } from './group-commit-writer.ts';

export type Submitted =
  | { readonly statusCode: 200 | 201; readonly body: EvaluateResult }
  | { readonly statusCode: 200; readonly body: EvaluateBatchResult };

export interface EvaluationsDeps {
  readonly db: Kysely<Database>;
  readonly catalog: ModelCatalog;
  readonly window: LiveWindow;
  readonly writer: GroupCommitWriter;
  readonly metrics: BackendMetrics;
}

/**
 * Evaluations: one decision is 201 (stored now), 200 (the same decision id with the same content
 * was already stored: its stored evaluation is replayed) or 409 (same id, other content); a batch
 * is 200 with one result per decision (created | replayed | conflict). Outcomes arrive later.
 */
export function createEvaluationsService(deps: EvaluationsDeps) {
  const evaluate = createEvaluateService(deps);
  const evaluations = createEvaluationsRepository(deps.db);

  return {
    async submit(orgId: string, body: DecisionInput | DecisionBatch): Promise<Submitted> {
      const isBatch = 'decisions' in body;
      const decisions: DecisionInput[] = isBatch ? body.decisions : [body];
      const results = await evaluate.evaluate(orgId, decisions);
      deps.metrics.evaluated(results);
      if (!isBatch) {
        const r = results[0];
        if (r.status === 'conflict')
          throw httpError(
            'BE_ERR_DECISION_CONFLICT',
            `decisionId "${decisions[0].decisionId}" is already stored for this model with different content`,
          );
        return {
          statusCode: r.status === 'created' ? 201 : 200,
          body: { evaluation: r.evaluation, replayed: r.status === 'replayed' },
        };
      }
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        statusCode: 200,
        body: {
          created: count('created'),
          replayed: count('replayed'),
          conflicts: count('conflict'),
          results: results.map((r, index) => ({ index, decisionId: decisions[index].decisionId, ...r })),
        },
      };
    },

    async list(orgId: string, query: EvaluationListQuery): Promise<EvaluationList> {
      const { items, total } = await evaluations.list(orgId, query);
      return { items: items.map(toEvaluation), total };
    },

    async get(orgId: string, id: string): Promise<EvaluationDetail> {
      const row = await evaluations.get(orgId, id);
      if (!row) throw httpError('BE_ERR_EVALUATION_NOT_FOUND', `Evaluation ${id} not found`);
      return toEvaluationDetail(row);
    },

    /** The ground truth, once; it updates the window bucket of the decision. */
    async recordOutcome(orgId: string, id: string, outcome: 0 | 1): Promise<Evaluation> {
      const { row } = await evaluations.recordOutcome(orgId, id, outcome);
      return toEvaluation(row);
    },
  };
}

export type EvaluationsService = ReturnType<typeof createEvaluationsService>;
