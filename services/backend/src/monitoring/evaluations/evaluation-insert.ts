import type { Kysely } from 'kysely';
import { RowCountSql } from '../../db/row-count-sql.ts';
import type { Database } from '../../db/schema.ts';
import type { EvaluationsTable } from '../db-tables.ts';

const COLUMNS = [
  'id',
  'org_id',
  'model_id',
  'model_version',
  'policy_version',
  'decision_id',
  'subject_id',
  'input_digest',
  'features',
  'sensitive',
  'context',
  'prediction',
  'score',
  'group_key',
  'bucket_start',
  'decided_at',
  'created_at',
  'risk_level',
  'risk_score',
  'rules',
  'outcome',
  'outcome_at',
] as const satisfies readonly (keyof EvaluationsTable)[];

/** 22 columns per row: 200 rows stay below every parameter limit (SQLite 32766, PostgreSQL 65535). */
export const INSERT_CHUNK = 200;

/**
 * The hot insert of the group-commit writer. Its SQL depends only on the row count, so Kysely
 * builds and compiles it once per count (`RowCountSql`); each commit only binds new parameters.
 * Duplicate decision ids are skipped (ON CONFLICT DO NOTHING) and left out of RETURNING.
 */
export class EvaluationInsert {
  readonly #sql = new RowCountSql<Kysely<Database>, EvaluationsTable>(COLUMNS, (db, rows) =>
    db
      .insertInto('evaluations')
      .values(rows)
      .onConflict((oc) => oc.columns(['model_id', 'decision_id']).doNothing())
      .returning('id'),
  );

  /** Inserts up to INSERT_CHUNK rows; returns the ids actually inserted. */
  async run(trx: Kysely<Database>, rows: readonly EvaluationsTable[]): Promise<string[]> {
    const result = await trx.executeQuery(this.#sql.query<{ id: string }>(trx, rows));
    return result.rows.map((r) => r.id);
  }
}
