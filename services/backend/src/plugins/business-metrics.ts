import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import {
  CIRCUIT_STATES,
  DEPENDENCY_AI_CORE,
  DEPENDENCY_DATABASE,
  FAIRNESS_VERDICTS,
  INCIDENT_SEVERITIES,
  MODEL_OVERFLOW,
  ROUTE_METRICS,
  type AnalysisOutcome,
  type AuthCredential,
  type BreachSide,
  cappedLabel,
  type Instruments,
  type Metrics,
  type CircuitState,
  type RiskLevel,
  type ThrottleScope,
  type Verdict,
} from '@ethixai/observability';
import { AiCoreClientError } from '../ai-core-client/ai-core-failures.ts';
import { upstreamErrorResponse } from '../ai-core-client/upstream-reply.ts';
import { httpError } from '../errors.ts';
import { countOpenIncidents } from '../monitoring/incidents/open-incidents.ts';

type AnalysisMode = 'sync' | 'job';
type FairnessVerdict = (typeof FAIRNESS_VERDICTS)[number];

/** One policy metric of a monitored model, as its live window reports it. */
export interface ModelMetricState {
  readonly metric: string;
  /** NaN: the window has no value now (too few decisions). */
  readonly value: number;
  readonly threshold: number;
  readonly breach: BreachSide;
  readonly verdict: FairnessVerdict;
}

// Policies name their metrics, so the `metric` label has no fixed vocabulary.
const MAX_POLICY_METRICS = 16;

/** What a finished analysis reports: the report summary's headline verdict and row count. */
export interface AnalysisSummary {
  readonly verdict: Verdict;
  readonly rows: number;
}

/**
 * The backend's business events, as one-line calls for the areas that cause them. Every method is
 * a no-op when metrics are off (ETHIXAI_METRICS=false). Gauges of shared state (job queue,
 * incidents, dependencies) are not pushed: they are read when /metrics is scraped.
 */
export interface BackendMetrics {
  /**
   * Runs a synchronous analysis and records how it finished and, when it completed, how long it
   * took from `startedAt` (performance.now() at the request's arrival); the result or error passes through.
   */
  observeAnalysis<T extends { summary: AnalysisSummary }>(run: () => Promise<T>, startedAt?: number): Promise<T>;
  /** A job's analysis whose report has been committed, `seconds` after the job was enqueued. */
  analysisCompleted(summary: AnalysisSummary, seconds: number): void;
  /** An analysis that finished without a report (a job: only its final attempt). */
  analysisFailed(error: unknown): void;
  /** Evaluations stored by POST /v1/evaluate; replays and conflicts are not new evaluations. */
  evaluated(results: readonly { status: string; evaluation?: { modelId: string; risk: { level: RiskLevel } } }[]): void;
  /** The live fairness of a registered model, per policy metric (value NaN: none in the window now). */
  modelFairness(modelId: string, states: readonly ModelMetricState[]): void;
  /** A bad access token or API key (401), or a wrong password. */
  authFailed(credential: AuthCredential): void;
  /** A request refused (429) before its credentials were checked, because of earlier failures. */
  authThrottled(credential: AuthCredential, scope: ThrottleScope): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    businessMetrics: BackendMetrics;
  }
}

/** Outcome label of an analysis that produced no report, from the status its client got (or would get). */
export function analysisOutcomeOf(error: unknown): AnalysisOutcome {
  let status = 500;
  if (httpError.is(error)) status = error.statusCode;
  else if (error instanceof AiCoreClientError) {
    try {
      status = upstreamErrorResponse(error).statusCode;
    } catch (mapped) {
      status = httpError.is(mapped) ? mapped.statusCode : 502;
    }
  }
  if (status === 503) return 'unavailable';
  return status >= 400 && status < 500 ? 'rejected' : 'failed';
}

/** cockatiel's state names as `fastify.aiCoreCircuit()` reports them, mapped to the metric's vocabulary. */
const CIRCUIT: Record<string, CircuitState> = {
  closed: 'closed',
  open: 'open',
  'half-open': 'half_open',
  isolated: 'open',
};

export function circuitName(state: string): CircuitState {
  return CIRCUIT[state] ?? 'open';
}

/** `circuit`: 1 on the current state's series, 0 on the others. */
export function setDependencyState(m: Instruments, dependency: string, up: boolean, circuit?: CircuitState): void {
  m.dependencyUp.set({ dependency }, up ? 1 : 0);
  if (circuit === undefined) return;
  for (const state of CIRCUIT_STATES) m.dependencyCircuitState.set({ dependency, state }, state === circuit ? 1 : 0);
}

/** The business events on the prom-client instruments; `model` values beyond `maxModelLabels` are capped. */
export function backendMetrics({ instruments: m }: Metrics, maxModelLabels: number): BackendMetrics {
  const modelLabel = cappedLabel(maxModelLabels);
  const metricLabel = cappedLabel(MAX_POLICY_METRICS);
  const completed = (s: AnalysisSummary, mode: AnalysisMode, seconds: number) => {
    m.analyses.inc({ outcome: 'completed', verdict: s.verdict });
    if (s.rows > 0) m.rowsAnalysed.inc(s.rows);
    // Seconds per 1,000 rows (the whole time below 1,000 rows): the analysis latency SLO's unit.
    m.analysisNormalizedDuration.observe({ mode }, seconds / Math.max(1, s.rows / 1000));
  };
  const failed = (error: unknown) => m.analyses.inc({ outcome: analysisOutcomeOf(error), verdict: 'none' });
  return {
    async observeAnalysis(run, startedAt = performance.now()) {
      try {
        const result = await run();
        completed(result.summary, 'sync', (performance.now() - startedAt) / 1000);
        return result;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    analysisCompleted: (summary, seconds) => completed(summary, 'job', seconds),
    analysisFailed: failed,
    evaluated(results) {
      for (const r of results)
        if (r.status === 'created' && r.evaluation)
          m.evaluations.inc({ model: modelLabel(r.evaluation.modelId), risk_level: r.evaluation.risk.level });
    },
    modelFairness(model, states) {
      // An overflow gauge would be overwritten by whichever model reported last: meaningless, so skip.
      if (modelLabel(model) === MODEL_OVERFLOW) return;
      for (const state of states) {
        const metric = metricLabel(state.metric);
        if (metric === MODEL_OVERFLOW) continue;
        m.modelDisparity.set({ model, metric }, state.value);
        m.modelDisparityThreshold.set({ model, metric, breach: state.breach }, state.threshold);
        for (const verdict of FAIRNESS_VERDICTS)
          m.modelFairnessVerdict.set({ model, metric, verdict }, verdict === state.verdict ? 1 : 0);
      }
    },
    authFailed: (credential) => m.authFailures.inc({ credential }),
    authThrottled: (credential, scope) => m.authThrottled.inc({ credential, scope }),
  };
}

const NOOP: BackendMetrics = {
  observeAnalysis: (run) => run(),
  analysisCompleted: () => {},
  analysisFailed: () => {},
  evaluated: () => {},
  modelFairness: () => {},
  authFailed: () => {},
  authThrottled: () => {},
};

/**
 * Reads the shared state behind the queue, incident and dependency gauges, at most every
 * `maxAgeMs` (concurrent scrapes share one read). Each replica reports the shared queue and
 * incidents: aggregate them with max, not sum. A failing read marks the database down and keeps
 * the previous values; it never fails the scrape.
 */
function stateRefresher(fastify: FastifyInstance, { instruments }: Metrics, maxAgeMs: number): () => Promise<void> {
  let readAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;

  async function read(): Promise<void> {
    if (fastify.hasDecorator('aiCoreCircuit')) {
      const circuit = circuitName(fastify.aiCoreCircuit());
      // Up means reachable now (a probe), not merely "the circuit has not tripped yet".
      setDependencyState(instruments, DEPENDENCY_AI_CORE, await fastify.aiCoreReachable(), circuit);
    }
    try {
      if (fastify.hasDecorator('jobQueue')) {
        const stats = await fastify.jobQueue.stats();
        instruments.analysisJobsQueued.set(stats.queued);
        instruments.analysisJobsOldestAge.set(stats.oldestQueuedAgeSeconds);
      }
      const open = await countOpenIncidents(fastify.db);
      for (const severity of INCIDENT_SEVERITIES) instruments.incidentsOpen.set({ severity }, open[severity]);
      setDependencyState(instruments, DEPENDENCY_DATABASE, true);
    } catch (err) {
      fastify.log.warn({ err }, 'metrics: reading the job queue or incidents failed');
      setDependencyState(instruments, DEPENDENCY_DATABASE, false);
    }
  }

  return () => {
    if (pending) return pending;
    if (performance.now() - readAt < maxAgeMs) return Promise.resolve();
    pending = read().finally(() => {
      readAt = performance.now();
      pending = null;
    });
    return pending;
  };
}

async function businessMetricsPlugin(fastify: FastifyInstance): Promise<void> {
  const metrics = fastify.telemetry.metrics;
  if (metrics === undefined) {
    fastify.decorate('businessMetrics', NOOP);
    return;
  }
  fastify.decorate('businessMetrics', backendMetrics(metrics, fastify.config.METRICS_MAX_MODEL_LABELS));
  const refresh = stateRefresher(fastify, metrics, fastify.config.METRICS_STATE_MAX_AGE_MS);
  // Callback style: every other request pays one string comparison, not a promise.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.url !== ROUTE_METRICS) return done();
    refresh().then(() => done(), done);
  });
}

export default fp(businessMetricsPlugin, { name: 'business-metrics', dependencies: ['config'] });
