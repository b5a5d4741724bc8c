import type { Kysely } from 'kysely';
import type { EvaluationListQuery } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { httpError } from '../../errors.ts';
import type { EvaluationsTable } from '../db-tables.ts';
import { outcomeIncrement } from '../live-window/buckets.ts';
import { CellIncrements } from '../live-window/cell-increments.ts';
import { applyCellDeltas } from '../live-window/window-repository.ts';

export function createEvaluationsRepository(db: Kysely<Database>) {
  return {
    async list(orgId: string, q: EvaluationListQuery): Promise<{ items: EvaluationsTable[]; total: number }> {
      let query = db.selectFrom('evaluations').where('org_id', '=', orgId);
      if (q.modelId) query = query.where('model_id', '=', q.modelId);
      if (q.modelVersion) query = query.where('model_version', '=', q.modelVersion);
      if (q.riskLevel) query = query.where('risk_level', '=', q.riskLevel);
      if (q.from) query = query.where('decided_at', '>=', Date.parse(q.from));
      if (q.to) query = query.where('decided_at', '<', Date.parse(q.to));
      const items = await query
        .selectAll()
        .orderBy('decided_at', 'desc')
        .orderBy('id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return { items, total: Number(total.n) };
    },

    get(orgId: string, id: string, trx: Kysely<Database> = db): Promise<EvaluationsTable | undefined> {
      return trx
        .selectFrom('evaluations')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Records the ground truth once. The decision's own window cell (its bucket_start, not the
     * current bucket) gets the confusion increment in the same transaction. The same outcome
     * again is an idempotent no-op; a different one is a 409.
     */
    async recordOutcome(
      orgId: string,
      id: string,
      outcome: 0 | 1,
      now = Date.now(),
    ): Promise<{ row: EvaluationsTable; changed: boolean }> {
      return db.transaction().execute(async (trx) => {
        const row = await this.get(orgId, id, trx);
        if (!row) throw httpError('BE_ERR_EVALUATION_NOT_FOUND', `Evaluation ${id} not found`);
        if (row.outcome !== null) {
          if (Number(row.outcome) === outcome) return { row, changed: false };
          throw httpError('BE_ERR_OUTCOME_CONFLICT', `Evaluation ${id} already has outcome ${row.outcome}`);
        }
        const updated = await trx
          .updateTable('evaluations')
          .set({ outcome, outcome_at: now })
          .where('id', '=', id)
          .where('outcome', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw httpError('BE_ERR_OUTCOME_CONFLICT', `Evaluation ${id} got an outcome concurrently`);
        const cells = new CellIncrements();
        cells.add(
          {
            orgId,
            modelId: row.model_id,
            modelVersion: row.model_version,
            groupKey: row.group_key,
            bucketStart: Number(row.bucket_start),
          },
          outcomeIncrement(Number(row.prediction) as 0 | 1, outcome),
        );
        await applyCellDeltas(trx, cells.sorted());
        return { row: { ...row, outcome, outcome_at: now }, changed: true };
      });
    },
  };
}

export type EvaluationsRepository = ReturnType<typeof createEvaluationsRepository>;
