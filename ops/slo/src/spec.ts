/**
 * The one specification of EthixAI's SLOs and alerts (DESIGN §7). Every rule file, prometheus.yml
 * and alertmanager.yml under ops/ is generated from this file (`npm run generate`); change a
 * number here, regenerate, and the promtool tests say what the change does.
 */
import { JOB_AI_CORE, JOB_BACKEND, SERVICE_AI_CORE, SERVICE_BACKEND } from '@ethixai/observability/names';

export const TEAMS = ['platform', 'analysis', 'governance'] as const;
export type Team = (typeof TEAMS)[number];

/** `critical` pages (PagerDuty and Slack); `warning` goes to Slack (DESIGN §7). */
export const SEVERITIES = ['critical', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface TeamSpec {
  readonly team: Team;
  readonly slackChannel: string;
}

export const TEAM_SPECS: readonly TeamSpec[] = [
  { team: 'platform', slackChannel: '#ethixai-platform' },
  { team: 'analysis', slackChannel: '#ethixai-analysis' },
  { team: 'governance', slackChannel: '#ethixai-governance' },
];

export interface ServiceSpec {
  readonly job: string;
  readonly service: string;
  readonly team: Team;
  /** host:port Prometheus scrapes in the reference deployment (compose service names). */
  readonly target: string;
  /** The V8 heap the process may use; the leak alert fires when the trend would reach it. */
  readonly heapBudgetBytes: number;
}

const MIB = 1024 * 1024;

export const SERVICES: readonly ServiceSpec[] = [
  { job: JOB_BACKEND, service: SERVICE_BACKEND, team: 'platform', target: 'backend:5000', heapBudgetBytes: 256 * MIB },
  { job: JOB_AI_CORE, service: SERVICE_AI_CORE, team: 'analysis', target: 'ai-core:8100', heapBudgetBytes: 256 * MIB },
];

/** The SLO period: a rolling 30 days (the SRE workbook's window factors are computed for it). */
export const SLO_PERIOD = '30d';

export type SliKind = 'availability' | 'latency' | 'analysis-latency';

export interface SloSpec {
  /** `slo` label of the records and alerts. */
  readonly slo: SliKind;
  readonly service: ServiceSpec;
  readonly team: Team;
  /** Share of good events over SLO_PERIOD. */
  readonly objective: number;
  readonly description: string;
}

const [backend, aiCore] = SERVICES as [ServiceSpec, ServiceSpec];

/** Latency threshold of the API latency SLO, a bucket boundary of http_request_duration_seconds. */
export const API_LATENCY_THRESHOLD = '0.1';
/** Analysis latency threshold per 1,000 rows, a bucket boundary of the normalised histogram. */
export const ANALYSIS_LATENCY_THRESHOLD = '0.5';

export const SLOS: readonly SloSpec[] = [
  {
    slo: 'availability',
    service: backend,
    team: backend.team,
    objective: 0.999,
    description: 'Requests to the backend not answered 5xx',
  },
  {
    slo: 'availability',
    service: aiCore,
    team: aiCore.team,
    objective: 0.999,
    description: 'Requests to ai-core not answered 5xx',
  },
  {
    slo: 'latency',
    service: backend,
    team: backend.team,
    objective: 0.95,
    description: 'Backend API requests (analyses excepted) answered within 100 ms',
  },
  {
    slo: 'latency',
    service: aiCore,
    team: aiCore.team,
    objective: 0.95,
    description: 'ai-core requests (analyses excepted) answered within 100 ms',
  },
  {
    slo: 'analysis-latency',
    service: backend,
    team: 'analysis',
    objective: 0.99,
    description:
      'Completed analyses finished within 0.5 s per 1,000 rows (at least 0.5 s for any size), queue wait included',
  },
];

/**
 * The SRE workbook's multiwindow, multi-burn-rate pairs for a 30-day period: the factor is
 * computed from the share of the budget a pair may burn before it fires (burn-rate.ts).
 */
export interface BurnPairSpec {
  readonly severity: Severity;
  readonly long: string;
  readonly short: string;
  readonly budgetShare: number;
}

export const BURN_PAIRS: readonly BurnPairSpec[] = [
  { severity: 'critical', long: '1h', short: '5m', budgetShare: 0.02 },
  { severity: 'critical', long: '6h', short: '30m', budgetShare: 0.05 },
  { severity: 'warning', long: '1d', short: '2h', budgetShare: 0.1 },
  { severity: 'warning', long: '3d', short: '6h', budgetShare: 0.1 },
];

/** Thresholds of the symptom alerts (DESIGN §7 and the production-readiness plan). */
export const THRESHOLDS = {
  highErrorRate: { ratio: 0.01, for: '5m' },
  /** p95 above 100 ms is exactly "more than 5 % of requests slower than the 0.1 s bucket". */
  highLatency: { slowShare: 0.05, for: '10m' },
  /** Every scraped instance of the job down: the fast page. */
  serviceDown: { for: '1m' },
  /** One instance down (the plan's `up == 0` for 2m): a replica is gone, the service may still serve. */
  instanceDown: { for: '2m' },
  memoryLeak: { window: '1h', horizon: '4h', for: '30m' },
  analysisBacklog: { oldestAgeSeconds: 300, for: '10m' },
  fairnessBreach: { for: '30m' },
  dependencyDown: { for: '2m' },
  circuitNotClosed: { for: '2m' },
  tracesLost: { window: '10m', for: '15m' },
  pipeline: { window: '5m', for: '10m' },
} as const;

/**
 * Objectives shown on the dashboards that no alert enforces (yet): the production-readiness
 * plan's database query p95, a boundary of ethixai_db_query_duration_seconds.
 */
export const OBJECTIVES = {
  dbQueryP95Seconds: 0.01,
} as const;

/** Dependencies the backend reports in ethixai_dependency_up, and who answers for them. */
export interface DependencySpec {
  readonly dependency: string;
  readonly team: Team;
  /** The EthixAI service that is this dependency, if any (its ServiceDown inhibits the alert). */
  readonly service?: string;
  /** Whether the backend calls it through a circuit breaker (ethixai_dependency_circuit_state). */
  readonly circuit: boolean;
}

export const DEPENDENCIES: readonly DependencySpec[] = [
  { dependency: 'ai_core', team: 'analysis', service: SERVICE_AI_CORE, circuit: true },
  { dependency: 'database', team: 'platform', circuit: false },
];

/**
 * Where runbook_url points: the runbooks' path in this repository (a test checks each exists).
 * A deployment that publishes the docs sets its base URL here and regenerates.
 */
export const RUNBOOK_BASE = 'docs/runbooks/';

/** Production intervals (docs/observability/ALERTING.md works out the time to detect from them). */
export const INTERVALS = {
  scrape: '15s',
  scrapeTimeout: '10s',
  evaluation: '15s',
  groupWaitCritical: '10s',
  groupWaitWarning: '30s',
  groupInterval: '5m',
  repeatCritical: '1h',
  repeatWarning: '4h',
} as const;
