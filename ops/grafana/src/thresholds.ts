/**
 * Every number a panel draws as a threshold, read from the SLO and alerting specification that
 * generates the Prometheus rules (ops/slo), so a panel turns red exactly where an alert fires.
 */
import {
  ANALYSIS_LATENCY_THRESHOLD,
  API_LATENCY_THRESHOLD,
  BURN_PAIRS,
  OBJECTIVES,
  SERVICES,
  SLOS,
  THRESHOLDS,
  burnFactor,
  errorBudget,
  type BurnPairSpec,
} from '@ethixai/slo';

const availability = SLOS.filter((s) => s.slo === 'availability');
const budgets = new Set(availability.map(errorBudget));
if (budgets.size !== 1) throw new Error('the dashboards draw one availability budget; the SLOs now differ per service');
const heapBudgets = new Set(SERVICES.map((s) => s.heapBudgetBytes));
if (heapBudgets.size !== 1) throw new Error('the dashboards draw one heap budget; the services now differ');

export interface BurnWindow {
  readonly pair: BurnPairSpec;
  readonly factor: number;
}

export const PANEL_THRESHOLDS = {
  /** HighLatencyP95 and the latency SLO: p95 above 0.1 s. */
  apiLatencySeconds: Number(API_LATENCY_THRESHOLD),
  /** Analysis latency SLO: seconds per 1,000 rows. */
  analysisLatencySeconds: Number(ANALYSIS_LATENCY_THRESHOLD),
  /** HighErrorRate: 5xx share above 1 %. */
  errorRatio: THRESHOLDS.highErrorRate.ratio,
  /** The availability error budget (1 - 0.999). */
  availabilityBudget: [...budgets][0]!,
  /** AnalysisBacklog: oldest queued job older than this. */
  backlogOldestAgeSeconds: THRESHOLDS.analysisBacklog.oldestAgeSeconds,
  /** MemoryLeakSuspected: the heap budget the trend is measured against. */
  heapBudgetBytes: [...heapBudgets][0]!,
  dbQueryP95Seconds: OBJECTIVES.dbQueryP95Seconds,
  /** ErrorBudgetBurn: the factor each long window must exceed, by severity. */
  burnWindows: BURN_PAIRS.map((pair): BurnWindow => ({ pair, factor: burnFactor(pair) })),
} as const;
