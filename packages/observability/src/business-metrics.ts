import { trace } from '@opentelemetry/api';
import { observeWithExemplar, type Instruments } from './metrics.ts';
import * as n from './names.ts';

export type AnalysisMode = 'sync' | 'job';
export type FairnessVerdict = (typeof n.FAIRNESS_VERDICTS)[number];

/** One policy metric of a monitored model, as its live window reports it. */
export interface ModelMetricState {
  readonly metric: string;
  /** NaN: the window has no value now (too few decisions). */
  readonly value: number;
  readonly threshold: number;
  readonly breach: n.BreachSide;
  readonly verdict: FairnessVerdict;
}

// Policies name their metrics, so the `metric` label has no fixed vocabulary.
const MAX_DISPARITY_METRICS = 16;

export type BusinessMetrics = ReturnType<typeof createBusinessMetrics>;

/**
 * A label whose values are chosen by callers: the first `cap` distinct values keep their own
 * series, every later one folds into `__other__`, so a flood of model names (or any such string)
 * cannot blow up the scrape size or Prometheus' memory.
 */
export function cappedLabel(cap: number): (value: string) => string {
  if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`label cap must be a non-negative integer, got ${cap}`);
  const admitted = new Set<string>();
  return (value) => {
    if (admitted.has(value)) return value;
    if (admitted.size >= cap || value === n.MODEL_OVERFLOW) return n.MODEL_OVERFLOW;
    admitted.add(value);
    return value;
  };
}

/**
 * The business events whose metrics need more than one prom-client call: capped labels, one-hot
 * gauges, derived values. Single-series updates go straight to `instruments`.
 */
export function createBusinessMetrics(m: Instruments, maxModelLabels: number) {
  const modelLabel = cappedLabel(maxModelLabels);
  const metricLabel = cappedLabel(MAX_DISPARITY_METRICS);
  return {
    /** `rows` counts only when the analysis completed. */
    recordAnalysis(outcome: n.AnalysisOutcome, verdict: n.Verdict, rowCount = 0): void {
      m.analyses.inc({ outcome, verdict });
      if (outcome === 'completed' && rowCount > 0) m.rowsAnalysed.inc(rowCount);
    },
    recordEvaluation(model: string, riskLevel: n.RiskLevel): void {
      m.evaluations.inc({ model: modelLabel(model), risk_level: riskLevel });
    },
    /** False (not exported) once the model or metric cap is reached. */
    setModelMetric(model: string, state: ModelMetricState): boolean {
      // An overflow gauge would be overwritten by whichever model reported last: meaningless, so skip.
      if (modelLabel(model) === n.MODEL_OVERFLOW) return false;
      const metric = metricLabel(state.metric);
      if (metric === n.MODEL_OVERFLOW) return false;
      m.modelDisparity.set({ model, metric }, state.value);
      m.modelDisparityThreshold.set({ model, metric, breach: state.breach }, state.threshold);
      for (const verdict of n.FAIRNESS_VERDICTS)
        m.modelFairnessVerdict.set({ model, metric, verdict }, verdict === state.verdict ? 1 : 0);
      return true;
    },
    /** Seconds per 1,000 rows (the whole time below 1,000 rows): the analysis latency SLO's unit. */
    observeAnalysisDuration(mode: AnalysisMode, seconds: number, rowCount: number): void {
      m.analysisNormalizedDuration.observe({ mode }, seconds / Math.max(1, rowCount / 1000));
    },
    setDependencyState(dependency: string, up: boolean, circuit?: n.CircuitState): void {
      m.dependencyUp.set({ dependency }, up ? 1 : 0);
      if (circuit === undefined) return;
      for (const state of n.CIRCUIT_STATES)
        m.dependencyCircuitState.set({ dependency, state }, state === circuit ? 1 : 0);
    },
    /** The exemplar is the active span (the stage's). */
    observeAnalysisStage(stage: string, seconds: number): void {
      const span = trace.getActiveSpan()?.spanContext();
      observeWithExemplar(m.analysisStageDuration, { stage }, seconds, span);
    },
  };
}
