import { CompiledQuery, type Kysely } from 'kysely';
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
 * builds and compiles it once per count and dialect; each commit only binds new parameters.
 * Duplicate decision ids are skipped (ON CONFLICT DO NOTHING) and left out of RETURNING.
 */
export class EvaluationInsert {
  readonly #sqlByCount = new Map<number, string>();

  #sql(trx: Kysely<Database>, count: number): string {
    let text = this.#sqlByCount.get(count);
    if (text === undefined) {
      const probe = Array.from(
        { length: count },
        (_, i) => Object.fromEntries(COLUMNS.map((c) => [c, `${i}:${c}`])) as unknown as EvaluationsTable,
      );
      const compiled = trx
        .insertInto('evaluations')
        .values(probe)
        .onConflict((oc) => oc.columns(['model_id', 'decision_id']).doNothing())
        .returning('id')
        .compile();
      const expected = probe.flatMap((r) => COLUMNS.map((c) => r[c]));
      // A programmer error if Kysely ever binds in another order: fail loudly, never misfile a column.
      if (compiled.parameters.length !== expected.length || compiled.parameters.some((p, i) => p !== expected[i])) {
        throw new Error('evaluation insert: compiled parameter order differs from COLUMNS');
      }
      text = compiled.sql;
      this.#sqlByCount.set(count, text);
    }
    return text;
  }

  /** Inserts up to INSERT_CHUNK rows; returns the ids actually inserted. */
  async run(trx: Kysely<Database>, rows: readonly EvaluationsTable[]): Promise<string[]> {
    const parameters = rows.flatMap((r) => COLUMNS.map((c) => r[c]));
    const query = CompiledQuery.raw(this.#sql(trx, rows.length), parameters);
    const result = await trx.executeQuery<{ id: string }>(query);
    return result.rows.map((r) => r.id);
  }
}
