import type { Kysely } from 'kysely';
import { POLICY_METRIC_BREACH, type Policy } from '@ethixai/contracts';
import type { ModelMetricState } from '../../plugins/business-metrics.ts';
import type { Database } from '../../db/schema.ts';
import { LiveWindow, type WindowSnapshot } from '../live-window/live-window.ts';
import type { BackendMetrics } from '../../plugins/business-metrics.ts';
import type { ModelCatalog } from './model-catalog.ts';

/**
 * One state per policy metric: the window's current disparity (NaN when it has none: too few
 * decisions), the policy's threshold and the side it breaches on, and the metric's verdict.
 */
export function modelMetricStates(policy: Policy, snapshot: WindowSnapshot): ModelMetricState[] {
  return policy.metrics.map(({ metric, threshold }) => {
    const verdict = snapshot.verdicts.find((v) => v.metric === metric);
    return {
      metric,
      value: verdict?.value ?? Number.NaN,
      threshold,
      breach: POLICY_METRIC_BREACH[metric],
      verdict: verdict?.status ?? 'insufficient_data',
    };
  });
}

/**
 * The live window, reporting every audit it makes (GET /v1/models/:id/fairness, and each refresh of
 * the evaluate path's verdict cache) to the per-model disparity, threshold and verdict gauges. Only the model's latest
 * registered version is reported, so two versions live during a rollout do not overwrite each
 * other's values in the one `model` series.
 */
export class ReportedLiveWindow extends LiveWindow {
  private readonly catalog: ModelCatalog;
  private readonly metrics: () => BackendMetrics;

  constructor(db: Kysely<Database>, ttlMs: number, catalog: ModelCatalog, metrics: () => BackendMetrics) {
    super(db, ttlMs);
    this.catalog = catalog;
    this.metrics = metrics;
  }

  override async snapshot(modelId: string, version: string, policy: Policy): Promise<WindowSnapshot> {
    const snap = await super.snapshot(modelId, version, policy);
    const latest = this.catalog.latestVersion(modelId);
    if (latest === undefined || latest === version)
      this.metrics().modelFairness(modelId, modelMetricStates(policy, snap));
    return snap;
  }
}
