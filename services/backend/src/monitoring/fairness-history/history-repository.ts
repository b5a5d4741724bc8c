import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CellCounts } from '../live-window/buckets.ts';

export interface BucketRow {
  readonly bucketStart: number;
  readonly groupKey: string;
  readonly counts: CellCounts;
}

/** The stored per-bucket, per-group counts of a model version with bucket_start in [from, to], oldest first. */
export async function readBuckets(
  db: Kysely<Database>,
  modelId: string,
  modelVersion: string,
  from: number,
  to: number,
): Promise<BucketRow[]> {
  const rows = await db
    .selectFrom('window_counts')
    .select(['bucket_start', 'group_key', 'n', 'predicted_positive', 'tp', 'fp', 'tn', 'fn'])
    .where('model_id', '=', modelId)
    .where('model_version', '=', modelVersion)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<=', to)
    .orderBy('bucket_start')
    .orderBy('group_key')
    .execute();
  return rows.map((r) => ({
    bucketStart: Number(r.bucket_start),
    groupKey: r.group_key,
    counts: {
      n: Number(r.n),
      predictedPositive: Number(r.predicted_positive),
      tp: Number(r.tp),
      fp: Number(r.fp),
      tn: Number(r.tn),
      fn: Number(r.fn),
    },
  }));
}
