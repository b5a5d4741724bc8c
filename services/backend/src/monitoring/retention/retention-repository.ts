import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EvaluationsTable } from '../db-tables.ts';
import { decisionIncrement, outcomeIncrement } from '../live-window/buckets.ts';
import { CellIncrements } from '../live-window/cell-increments.ts';
import { applyCellDeltas } from '../live-window/window-repository.ts';

/**
 * Deletes evaluations and takes their contribution out of the live window in one transaction,
 * so the window always equals the sum over the stored evaluations of its buckets.
 */
export async function eraseEvaluations(trx: Kysely<Database>, rows: readonly EvaluationsTable[]): Promise<number> {
  if (rows.length === 0) return 0;
  const cells = new CellIncrements();
  for (const r of rows) {
    const key = {
      orgId: r.org_id,
      modelId: r.model_id,
      modelVersion: r.model_version,
      groupKey: r.group_key,
      bucketStart: Number(r.bucket_start),
    };
    const prediction = Number(r.prediction) as 0 | 1;
    cells.add(key, decisionIncrement(prediction), -1);
    if (r.outcome !== null) cells.add(key, outcomeIncrement(prediction, Number(r.outcome) as 0 | 1), -1);
  }
  let deleted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const res = await trx.deleteFrom('evaluations').where('id', 'in', ids).executeTakeFirst();
    deleted += Number(res.numDeletedRows);
  }
  await applyCellDeltas(trx, cells.sorted());
  await trx
    .deleteFrom('window_counts')
    .where('n', '<=', 0)
    .where('model_id', 'in', [...new Set(rows.map((r) => r.model_id))])
    .execute();
  return deleted;
}

export function evaluationsOfSubject(
  trx: Kysely<Database>,
  orgId: string,
  subjectId: string,
): Promise<EvaluationsTable[]> {
  return trx
    .selectFrom('evaluations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('subject_id', '=', subjectId)
    .execute();
}
