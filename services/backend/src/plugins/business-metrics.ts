import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import {
  DEPENDENCY_AI_CORE,
  DEPENDENCY_DATABASE,
  INCIDENT_SEVERITIES,
  ROUTE_METRICS,
  type AnalysisMode,
  type AnalysisOutcome,
  type AuthCredential,
  type Metrics,
  type CircuitState,
  type ModelMetricState,
  type RiskLevel,
  type ThrottleScope,
  type Verdict,
} from '@ethixai/observability';
import { AiCoreClientError } from '../ai-core-client/ai-core-failures.ts';
import { upstreamErrorResponse } from '../ai-core-client/upstream-reply.ts';
import { httpError } from '../errors.ts';
import { countOpenIncidents } from '../monitoring/incidents/open-incidents.ts';

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

function facade({ business, instruments }: Metrics): BackendMetrics {
  const completed = (s: AnalysisSummary, mode: AnalysisMode, seconds: number) => {
    business.recordAnalysis('completed', s.verdict, s.rows);
    business.observeAnalysisDuration(mode, seconds, s.rows);
  };
  const failed = (error: unknown) => business.recordAnalysis(analysisOutcomeOf(error), 'none');
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
          business.recordEvaluation(r.evaluation.modelId, r.evaluation.risk.level);
    },
    modelFairness(modelId, states) {
      for (const state of states) business.setModelMetric(modelId, state);
    },
    authFailed: (credential) => instruments.authFailures.inc({ credential }),
    authThrottled: (credential, scope) => instruments.authThrottled.inc({ credential, scope }),
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
function stateRefresher(
  fastify: FastifyInstance,
  { business, instruments }: Metrics,
  maxAgeMs: number,
): () => Promise<void> {
  let readAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;

  async function read(): Promise<void> {
    if (fastify.hasDecorator('aiCoreCircuit')) {
      const circuit = circuitName(fastify.aiCoreCircuit());
      // Up means reachable now (a probe), not merely "the circuit has not tripped yet".
      business.setDependencyState(DEPENDENCY_AI_CORE, await fastify.aiCoreReachable(), circuit);
    }
    try {
      if (fastify.hasDecorator('jobQueue')) {
        const stats = await fastify.jobQueue.stats();
        instruments.analysisJobsQueued.set(stats.queued);
        instruments.analysisJobsOldestAge.set(stats.oldestQueuedAgeSeconds);
      }
      const open = await countOpenIncidents(fastify.db);
      for (const severity of INCIDENT_SEVERITIES) instruments.incidentsOpen.set({ severity }, open[severity]);
      business.setDependencyState(DEPENDENCY_DATABASE, true);
    } catch (err) {
      fastify.log.warn({ err }, 'metrics: reading the job queue or incidents failed');
      business.setDependencyState(DEPENDENCY_DATABASE, false);
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
  fastify.decorate('businessMetrics', facade(metrics));
  const refresh = stateRefresher(fastify, metrics, fastify.config.METRICS_STATE_MAX_AGE_MS);
  // Callback style: every other request pays one string comparison, not a promise.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.url !== ROUTE_METRICS) return done();
    refresh().then(() => done(), done);
  });
}

export default fp(businessMetricsPlugin, { name: 'business-metrics', dependencies: ['config'] });
