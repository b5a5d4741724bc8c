import type { Kysely } from 'kysely';
import { RowCountSql } from '../../db/row-count-sql.ts';
import type { Database } from '../../db/schema.ts';
import type { CellCounts } from './buckets.ts';
import type { CellDelta } from './cell-increments.ts';

// 11 bound values per row: 400 rows stay far below SQLite's and PostgreSQL's parameter limits.
const UPSERT_CHUNK = 400;

const CELL_COLUMNS = [
  'org_id',
  'model_id',
  'model_version',
  'group_key',
  'bucket_start',
  'n',
  'predicted_positive',
  'tp',
  'fp',
  'tn',
  'fn',
] as const;
type CellRow = Record<(typeof CELL_COLUMNS)[number], string | number>;

function cellRow(d: CellDelta): CellRow {
  const c = d.counts;
  return {
    org_id: d.orgId,
    model_id: d.modelId,
    model_version: d.modelVersion,
    group_key: d.groupKey,
    bucket_start: d.bucketStart,
    n: c.n,
    predicted_positive: c.predictedPositive,
    tp: c.tp,
    fp: c.fp,
    tn: c.tn,
    fn: c.fn,
  };
}

function upsert(db: Kysely<Database>, rows: CellRow[]) {
  return db
    .insertInto('window_counts')
    .values(rows as never)
    .onConflict((oc) =>
      oc.columns(['model_id', 'model_version', 'group_key', 'bucket_start']).doUpdateSet((eb) => ({
        n: eb('window_counts.n', '+', eb.ref('excluded.n')),
        predicted_positive: eb('window_counts.predicted_positive', '+', eb.ref('excluded.predicted_positive')),
        tp: eb('window_counts.tp', '+', eb.ref('excluded.tp')),
        fp: eb('window_counts.fp', '+', eb.ref('excluded.fp')),
        tn: eb('window_counts.tn', '+', eb.ref('excluded.tn')),
        fn: eb('window_counts.fn', '+', eb.ref('excluded.fn')),
      })),
    );
}

/**
 * Adds deltas to persisted window cells with one upsert per chunk. Cells arrive sorted (see
 * CellIncrements), so concurrent writers lock rows in the same order. The upsert's SQL depends
 * only on its row count: an instance compiles it once per count (`RowCountSql`), so the
 * group-commit writer, which keeps one, only binds parameters on each commit.
 */
export class CellUpsert {
  readonly #sql = new RowCountSql<Kysely<Database>, CellRow>(CELL_COLUMNS, upsert);

  async apply(trx: Kysely<Database>, deltas: readonly CellDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += UPSERT_CHUNK) {
      await trx.executeQuery(this.#sql.query(trx, deltas.slice(i, i + UPSERT_CHUNK).map(cellRow)));
    }
  }
}

/** `CellUpsert.apply` for the occasional caller (outcomes, retention), compiled afresh. */
export function applyCellDeltas(trx: Kysely<Database>, deltas: readonly CellDelta[]): Promise<void> {
  return new CellUpsert().apply(trx, deltas);
}

/** Per-group sums over the window's buckets (bucket_start >= fromBucket). */
export async function readWindowCounts(
  db: Kysely<Database>,
  modelId: string,
  modelVersion: string,
  fromBucket: number,
): Promise<Map<string, CellCounts>> {
  const rows = await db
    .selectFrom('window_counts')
    .select((eb) => [
      'group_key',
      eb.fn.sum<number>('n').as('n'),
      eb.fn.sum<number>('predicted_positive').as('pp'),
      eb.fn.sum<number>('tp').as('tp'),
      eb.fn.sum<number>('fp').as('fp'),
      eb.fn.sum<number>('tn').as('tn'),
      eb.fn.sum<number>('fn').as('fn'),
    ])
    .where('model_id', '=', modelId)
    .where('model_version', '=', modelVersion)
    .where('bucket_start', '>=', fromBucket)
    .groupBy('group_key')
    .orderBy('group_key')
    .execute();
  const groups = new Map<string, CellCounts>();
  // PostgreSQL's sum(bigint) is numeric and arrives as text.
  for (const r of rows) {
    const c = {
      n: Number(r.n),
      predictedPositive: Number(r.pp),
      tp: Number(r.tp),
      fp: Number(r.fp),
      tn: Number(r.tn),
      fn: Number(r.fn),
    };
    if (c.n > 0) groups.set(r.group_key, c);
  }
  return groups;
}
