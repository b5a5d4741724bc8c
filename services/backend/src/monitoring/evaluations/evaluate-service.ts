import { randomUUIDv7 } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DecisionInput, Evaluation } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { httpError } from '../../errors.ts';
import type { EvaluationsTable } from '../db-tables.ts';
import type { LiveWindow } from '../live-window/live-window.ts';
import type { ModelCatalog } from '../models/model-catalog.ts';
import type { LiveWindowView } from '../risk/risk-rules.ts';
import { evaluationRow, toEvaluation } from './evaluation-row.ts';
import { GroupCommitWriter, QueueFullError } from './group-commit-writer.ts';

export type ItemResult =
  { status: 'created' | 'replayed'; evaluation: Evaluation } | { status: 'conflict'; code: 'BE_ERR_DECISION_CONFLICT' };

/** A decision time further ahead than this is a client clock or unit error, not a decision. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface EvaluateDeps {
  db: Kysely<Database>;
  catalog: ModelCatalog;
  window: LiveWindow;
  writer: GroupCommitWriter;
  now?: () => number;
}

/**
 * POST /v1/evaluate: validate every decision (the whole request is refused on the first client
 * mistake, naming it), assess each against its policy and the live window, then hand the rows
 * to the group-commit writer and answer only after they are committed. Duplicates are resolved
 * after the commit: same content → replay of the stored evaluation; different → conflict.
 */
export function createEvaluateService(deps: EvaluateDeps) {
  const now = deps.now ?? Date.now;

  async function prepare(orgId: string, decisions: DecisionInput[], at: number): Promise<EvaluationsTable[]> {
    const seen = new Set<string>();
    const views = new Map<string, LiveWindowView>();
    const rows: EvaluationsTable[] = [];
    for (const [i, d] of decisions.entries()) {
      const field = decisions.length === 1 ? '' : `decisions[${i}].`;
      const model = await deps.catalog.get(orgId, d.modelId);
      if (!model) throw httpError('BE_ERR_MODEL_NOT_FOUND', `${field}modelId: model ${d.modelId} not found`);
      if (!model.versions.includes(d.modelVersion)) {
        throw httpError(
          'BE_ERR_MODEL_VERSION_NOT_FOUND',
          `${field}modelVersion: model ${d.modelId} has no version "${d.modelVersion}" (registered: ${model.versions.join(', ')})`,
        );
      }
      if (d.prediction === undefined && d.score === undefined) {
        throw httpError('BE_ERR_DECISION_INVALID', `${field}prediction: give the prediction, the score, or both`);
      }
      if (d.decidedAt !== undefined && Date.parse(d.decidedAt) > at + MAX_CLOCK_SKEW_MS) {
        throw httpError('BE_ERR_DECISION_INVALID', `${field}decidedAt: ${d.decidedAt} is in the future`);
      }
      const dup = `${d.modelId}\u0000${d.decisionId}`;
      if (seen.has(dup))
        throw httpError('BE_ERR_DECISION_INVALID', `${field}decisionId: "${d.decisionId}" appears twice in this batch`);
      seen.add(dup);
      const viewKey = `${d.modelId}\u0000${d.modelVersion}`;
      let view = views.get(viewKey);
      if (!view) {
        view = await deps.window.view(d.modelId, d.modelVersion, model.policy);
        views.set(viewKey, view);
      }
      // UUIDv7: evaluations are the highest-volume rows, and time-ordered keys append at the right
      // edge of the primary-key B-tree instead of dirtying random pages.
      rows.push(evaluationRow(orgId, d, model, view, randomUUIDv7(), at));
    }
    return rows;
  }

  async function resolveDuplicates(
    orgId: string,
    rows: EvaluationsTable[],
    inserted: boolean[],
  ): Promise<ItemResult[]> {
    const missing = rows.filter((_, i) => !inserted[i]);
    const stored = new Map<string, EvaluationsTable>();
    if (missing.length > 0) {
      const found = await deps.db
        .selectFrom('evaluations')
        .selectAll()
        .where('org_id', '=', orgId)
        .where((eb) =>
          eb.or(missing.map((r) => eb.and([eb('model_id', '=', r.model_id), eb('decision_id', '=', r.decision_id)]))),
        )
        .execute();
      for (const f of found) stored.set(`${f.model_id}\u0000${f.decision_id}`, f);
    }
    return rows.map((row, i): ItemResult => {
      if (inserted[i]) return { status: 'created', evaluation: toEvaluation(row) };
      const existing = stored.get(`${row.model_id}\u0000${row.decision_id}`);
      if (existing && existing.input_digest === row.input_digest)
        return { status: 'replayed', evaluation: toEvaluation(existing) };
      return { status: 'conflict', code: 'BE_ERR_DECISION_CONFLICT' };
    });
  }

  return {
    async evaluate(orgId: string, decisions: DecisionInput[]): Promise<ItemResult[]> {
      const rows = await prepare(orgId, decisions, now());
      let inserted: boolean[];
      try {
        inserted = await deps.writer.submit(rows);
      } catch (err) {
        if (err instanceof QueueFullError)
          throw httpError('BE_ERR_EVALUATE_OVERLOADED', err.message, { headers: { 'retry-after': '1' } });
        throw err;
      }
      return resolveDuplicates(orgId, rows, inserted);
    },
  };
}

export type EvaluateService = ReturnType<typeof createEvaluateService>;
