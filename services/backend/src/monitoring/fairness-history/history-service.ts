import type { Kysely } from 'kysely';
import { MAX_HISTORY_POINTS, POLICY_METRIC_BREACH, type FairnessHistory, type Model } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { iso } from '../../db/sql-helpers.ts';
import { httpError } from '../../errors.ts';
import { addCounts, bucketStart, zeroCounts, type CellCounts } from '../live-window/buckets.ts';
import { auditWindow } from '../live-window/window-audit.ts';
import { readBuckets, type BucketRow } from './history-repository.ts';

export interface HistoryRequest {
  readonly from: number;
  readonly to: number;
  readonly version: string | undefined;
}

/**
 * The live window over time: for each bucket in [from, to], the window that ended with that
 * bucket (the same span and buckets as GET /v1/models/{id}/fairness), audited under the model's
 * current policy. One read of the stored counts; windows slide by adding the new bucket and
 * subtracting the one that left.
 */
export function createFairnessHistoryService(
  db: Kysely<Database>,
  loadModel: (orgId: string, id: string) => Promise<Model>,
) {
  return {
    async history(orgId: string, id: string, request: HistoryRequest): Promise<FairnessHistory> {
      if (!(request.from <= request.to)) throw httpError('BE_ERR_BAD_REQUEST', 'from: must not be after to');
      const model = await loadModel(orgId, id);
      const version = request.version ?? model.versions[model.versions.length - 1];
      if (version === undefined || !model.versions.includes(version)) {
        throw httpError(
          'BE_ERR_MODEL_VERSION_NOT_FOUND',
          `version: model ${model.id} has no version "${request.version}"`,
        );
      }
      const policy = model.policy;
      const { bucketSeconds, spanSeconds } = policy.window;
      const size = bucketSeconds * 1000;
      const span = Math.max(1, Math.ceil(spanSeconds / bucketSeconds));
      const first = bucketStart(request.from, bucketSeconds);
      const last = bucketStart(request.to, bucketSeconds);
      const points = (last - first) / size + 1;
      if (points > MAX_HISTORY_POINTS) {
        throw httpError(
          'BE_ERR_BAD_REQUEST',
          `from: the range covers ${points} buckets of ${bucketSeconds} s; at most ${MAX_HISTORY_POINTS} per request`,
        );
      }
      const rows = await readBuckets(db, model.id, version, first - (span - 1) * size, last);
      const byBucket = new Map<number, BucketRow[]>();
      for (const row of rows) byBucket.set(row.bucketStart, [...(byBucket.get(row.bucketStart) ?? []), row]);

      const window = new Map<string, CellCounts>();
      const slide = (bucket: number, sign: 1 | -1) => {
        for (const row of byBucket.get(bucket) ?? []) {
          const sum = addCounts(window.get(row.groupKey) ?? zeroCounts(), row.counts, sign);
          if (sum.n > 0) window.set(row.groupKey, sum);
          else window.delete(row.groupKey);
        }
      };
      for (let b = first - (span - 1) * size; b < first; b += size) slide(b, 1);
      const out: FairnessHistory['points'] = [];
      for (let b = first; b <= last; b += size) {
        slide(b, 1);
        const audit = auditWindow(window, policy);
        out.push({
          at: iso(b + size),
          decisions: audit.decisions,
          decisionsWithOutcome: audit.decisionsWithOutcome,
          verdict: audit.verdict,
          metrics: policy.metrics.map(({ metric }) => {
            const v = audit.verdicts.find((x) => x.metric === metric);
            return { metric, value: v?.value ?? null, status: v?.status ?? 'insufficient_data' };
          }),
        });
        slide(b - (span - 1) * size, -1);
      }
      return {
        modelId: model.id,
        modelVersion: version,
        policyVersion: policy.version,
        bucketSeconds,
        spanSeconds,
        thresholds: policy.metrics.map(({ metric, threshold }) => ({
          metric,
          threshold,
          breach: POLICY_METRIC_BREACH[metric],
        })),
        points: out,
      };
    },
  };
}

export type FairnessHistoryService = ReturnType<typeof createFairnessHistoryService>;
