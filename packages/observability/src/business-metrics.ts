import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { observeWithExemplar } from './exemplar.ts';
import { trace } from '@opentelemetry/api';
import {
  ANALYSIS_NORMALIZED_DURATION_BUCKETS,
  ANALYSIS_STAGE_BUCKETS,
  FAIRNESS_VERDICTS,
  LABEL_BREACH,
  LABEL_MODE,
  CIRCUIT_STATES,
  LABEL_DEPENDENCY,
  LABEL_METRIC,
  LABEL_MODEL,
  LABEL_OUTCOME,
  LABEL_RISK_LEVEL,
  LABEL_SEVERITY,
  LABEL_STAGE,
  LABEL_STATE,
  LABEL_VERDICT,
  MODEL_OVERFLOW,
  METRIC_ANALYSES_TOTAL,
  METRIC_AUTH_FAILURES_TOTAL,
  METRIC_AUTH_THROTTLED_TOTAL,
  LABEL_CREDENTIAL,
  LABEL_SCOPE,
  type AuthCredential,
  type ThrottleScope,
  METRIC_ANALYSIS_NORMALIZED_DURATION,
  METRIC_MODEL_DISPARITY_THRESHOLD,
  METRIC_MODEL_FAIRNESS_VERDICT,
  METRIC_ANALYSIS_JOBS_OLDEST_AGE,
  METRIC_ANALYSIS_JOBS_QUEUED,
  METRIC_ANALYSIS_STAGE_DURATION,
  METRIC_DEPENDENCY_CIRCUIT_STATE,
  METRIC_DEPENDENCY_UP,
  METRIC_EVALUATIONS_TOTAL,
  METRIC_INCIDENTS_OPEN,
  METRIC_MODEL_DISPARITY,
  METRIC_ROWS_ANALYSED_TOTAL,
  type AnalysisOutcome,
  type BreachSide,
  type CircuitState,
  type IncidentSeverity,
  type RiskLevel,
  type Verdict,
} from './names.ts';

export type AnalysisMode = 'sync' | 'job';
export type FairnessVerdict = (typeof FAIRNESS_VERDICTS)[number];

/** One policy metric of a monitored model, as its live window reports it. */
export interface ModelMetricState {
  readonly metric: string;
  /** NaN: the window has no value now (too few decisions). */
  readonly value: number;
  readonly threshold: number;
  readonly breach: BreachSide;
  readonly verdict: FairnessVerdict;
}

/** Caps for caller-chosen label values that have no fixed vocabulary. */
const MAX_DISPARITY_METRICS = 16;
const MAX_STAGES = 32;
const MAX_DEPENDENCIES = 16;

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
    if (admitted.size >= cap || value === MODEL_OVERFLOW) return MODEL_OVERFLOW;
    admitted.add(value);
    return value;
  };
}

export function createBusinessMetrics(registry: Registry, maxModelLabels: number) {
  const registers = [registry];
  const analyses = new Counter({
    name: METRIC_ANALYSES_TOTAL,
    help: 'Fairness analyses finished, by outcome and headline verdict.',
    labelNames: [LABEL_OUTCOME, LABEL_VERDICT],
    registers,
  });
  const rows = new Counter({
    name: METRIC_ROWS_ANALYSED_TOTAL,
    help: 'Rows of decision data analysed by completed analyses.',
    registers,
  });
  const jobsQueued = new Gauge({
    name: METRIC_ANALYSIS_JOBS_QUEUED,
    help: 'Analysis jobs waiting in the persistent queue.',
    registers,
  });
  const jobsOldestAge = new Gauge({
    name: METRIC_ANALYSIS_JOBS_OLDEST_AGE,
    help: 'Age of the oldest queued analysis job (0 when the queue is empty).',
    registers,
  });
  const evaluations = new Counter({
    name: METRIC_EVALUATIONS_TOTAL,
    help: 'Live decisions evaluated, by registered model and risk level.',
    labelNames: [LABEL_MODEL, LABEL_RISK_LEVEL],
    registers,
  });
  const disparity = new Gauge({
    name: METRIC_MODEL_DISPARITY,
    help: 'Current disparity of a monitored model over its live window, by fairness metric.',
    labelNames: [LABEL_MODEL, LABEL_METRIC],
    registers,
  });
  const threshold = new Gauge({
    name: METRIC_MODEL_DISPARITY_THRESHOLD,
    help: "Policy threshold of a monitored model's fairness metric; breach says on which side a value breaches it.",
    labelNames: [LABEL_MODEL, LABEL_METRIC, LABEL_BREACH],
    registers,
  });
  const fairnessVerdict = new Gauge({
    name: METRIC_MODEL_FAIRNESS_VERDICT,
    help: 'Live-window verdict per policy metric: 1 on the current verdict, 0 on the others.',
    labelNames: [LABEL_MODEL, LABEL_METRIC, LABEL_VERDICT],
    registers,
  });
  const normalizedDuration = new Histogram({
    name: METRIC_ANALYSIS_NORMALIZED_DURATION,
    help: 'Completed analysis wall time divided by max(1, rows / 1000).',
    labelNames: [LABEL_MODE],
    buckets: [...ANALYSIS_NORMALIZED_DURATION_BUCKETS],
    registers,
  });
  const incidents = new Gauge({
    name: METRIC_INCIDENTS_OPEN,
    help: 'Incidents currently open, by severity.',
    labelNames: [LABEL_SEVERITY],
    registers,
  });
  const dependencyUp = new Gauge({
    name: METRIC_DEPENDENCY_UP,
    help: 'Whether a dependency is reachable (1) or not (0).',
    labelNames: [LABEL_DEPENDENCY],
    registers,
  });
  const circuitState = new Gauge({
    name: METRIC_DEPENDENCY_CIRCUIT_STATE,
    help: 'Circuit-breaker state of a dependency: 1 for the current state, 0 for the others.',
    labelNames: [LABEL_DEPENDENCY, LABEL_STATE],
    registers,
  });
  const authFailures = new Counter({
    name: METRIC_AUTH_FAILURES_TOTAL,
    help: 'Failed authentications (bad access token or API key, wrong password), by credential.',
    labelNames: [LABEL_CREDENTIAL],
    registers,
  });
  const authThrottled = new Counter({
    name: METRIC_AUTH_THROTTLED_TOTAL,
    help: 'Requests refused before their credentials were checked because of earlier failures, by credential and scope.',
    labelNames: [LABEL_CREDENTIAL, LABEL_SCOPE],
    registers,
  });
  const stageDuration = new Histogram({
    name: METRIC_ANALYSIS_STAGE_DURATION,
    help: 'Duration of one fairness-engine stage of an analysis.',
    labelNames: [LABEL_STAGE],
    buckets: [...ANALYSIS_STAGE_BUCKETS],
    enableExemplars: true,
    registers: [],
  });
  registry.registerMetric(stageDuration);

  const modelLabel = cappedLabel(maxModelLabels);
  const metricLabel = cappedLabel(MAX_DISPARITY_METRICS);
  const stageLabel = cappedLabel(MAX_STAGES);
  const dependencyLabel = cappedLabel(MAX_DEPENDENCIES);

  return {
    /** One finished analysis (sync or job). `rows` counts only when the analysis completed. */
    recordAnalysis(outcome: AnalysisOutcome, verdict: Verdict, rowCount = 0): void {
      analyses.inc({ [LABEL_OUTCOME]: outcome, [LABEL_VERDICT]: verdict });
      if (outcome === 'completed' && rowCount > 0) rows.inc(rowCount);
    },
    setAnalysisJobs(queued: number, oldestAgeSeconds: number): void {
      jobsQueued.set(queued);
      jobsOldestAge.set(queued > 0 ? oldestAgeSeconds : 0);
    },
    recordAuthFailure(credential: AuthCredential): void {
      authFailures.inc({ [LABEL_CREDENTIAL]: credential });
    },
    recordAuthThrottled(credential: AuthCredential, scope: ThrottleScope): void {
      authThrottled.inc({ [LABEL_CREDENTIAL]: credential, [LABEL_SCOPE]: scope });
    },
    recordEvaluation(model: string, riskLevel: RiskLevel): void {
      evaluations.inc({ [LABEL_MODEL]: modelLabel(model), [LABEL_RISK_LEVEL]: riskLevel });
    },
    /**
     * A monitored model's live disparity, its policy threshold and verdict for one metric; false
     * (not exported) once the model cap is reached.
     */
    setModelMetric(model: string, state: ModelMetricState): boolean {
      // An overflow gauge would be overwritten by whichever model reported last: meaningless, so skip.
      if (modelLabel(model) === MODEL_OVERFLOW) return false;
      const metric = metricLabel(state.metric);
      if (metric === MODEL_OVERFLOW) return false;
      disparity.set({ [LABEL_MODEL]: model, [LABEL_METRIC]: metric }, state.value);
      threshold.set({ [LABEL_MODEL]: model, [LABEL_METRIC]: metric, [LABEL_BREACH]: state.breach }, state.threshold);
      for (const verdict of FAIRNESS_VERDICTS)
        fairnessVerdict.set(
          { [LABEL_MODEL]: model, [LABEL_METRIC]: metric, [LABEL_VERDICT]: verdict },
          verdict === state.verdict ? 1 : 0,
        );
      return true;
    },
    /** A completed analysis for the analysis latency SLO: seconds per 1,000 rows (whole time below 1,000 rows). */
    observeAnalysisDuration(mode: AnalysisMode, seconds: number, rowCount: number): void {
      normalizedDuration.observe({ [LABEL_MODE]: mode }, seconds / Math.max(1, rowCount / 1000));
    },
    setIncidentsOpen(severity: IncidentSeverity, count: number): void {
      incidents.set({ [LABEL_SEVERITY]: severity }, count);
    },
    setDependencyState(dependency: string, up: boolean, circuit?: CircuitState): void {
      const name = dependencyLabel(dependency);
      dependencyUp.set({ [LABEL_DEPENDENCY]: name }, up ? 1 : 0);
      if (circuit === undefined) return;
      for (const state of CIRCUIT_STATES)
        circuitState.set({ [LABEL_DEPENDENCY]: name, [LABEL_STATE]: state }, state === circuit ? 1 : 0);
    },
    /** ai-core: one engine stage's duration; the exemplar is the active span (the stage's). */
    observeAnalysisStage(stage: string, seconds: number): void {
      observeWithExemplar(
        stageDuration,
        { [LABEL_STAGE]: stageLabel(stage) },
        seconds,
        trace.getActiveSpan()?.spanContext(),
      );
    },
    /** Label names of the counters above, by metric name (for the OpenMetrics view, see metrics.ts). */
    counterLabels: [
      [METRIC_ANALYSES_TOTAL, [LABEL_OUTCOME, LABEL_VERDICT]],
      [METRIC_ROWS_ANALYSED_TOTAL, []],
      [METRIC_EVALUATIONS_TOTAL, [LABEL_MODEL, LABEL_RISK_LEVEL]],
    ] as Array<[string, string[]]>,
  };
}
