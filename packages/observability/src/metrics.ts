import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type LabelValues,
  type Metric,
  type OpenMetricsContentType,
} from 'prom-client';
import * as n from './names.ts';

export interface MetricSpec {
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly name: string;
  readonly help: string;
  readonly labels?: readonly string[];
  readonly buckets?: readonly number[];
  readonly exemplars?: true;
}

const HTTP_LABELS = ['method', 'route', 'status'] as const;
const MODEL_METRIC = ['model', 'metric'] as const;

/** Every EthixAI metric, in exposition order; docs/reference/metrics.md documents each (a test compares them). */
export const METRICS = {
  eventLoopUtilization: {
    type: 'gauge',
    name: n.METRIC_EVENT_LOOP_UTILIZATION,
    help: 'Event loop utilisation (0-1) over the interval since the previous scrape.',
  },
  httpRequestDuration: {
    type: 'histogram',
    name: n.METRIC_HTTP_REQUEST_DURATION,
    help: 'Duration of HTTP requests from arrival to response end, by route template and status.',
    labels: HTTP_LABELS,
    buckets: n.HTTP_DURATION_BUCKETS,
    exemplars: true,
  },
  httpRequests: {
    type: 'counter',
    name: n.METRIC_HTTP_REQUESTS_TOTAL,
    help: 'HTTP requests answered, by route template and status.',
    labels: HTTP_LABELS,
  },
  httpRequestsInProgress: {
    type: 'gauge',
    name: n.METRIC_HTTP_REQUESTS_IN_PROGRESS,
    help: 'HTTP requests currently being served.',
    labels: ['method', 'route'],
  },
  analyses: {
    type: 'counter',
    name: n.METRIC_ANALYSES_TOTAL,
    help: 'Fairness analyses finished, by outcome and headline verdict.',
    labels: ['outcome', 'verdict'],
  },
  rowsAnalysed: {
    type: 'counter',
    name: n.METRIC_ROWS_ANALYSED_TOTAL,
    help: 'Rows of decision data analysed by completed analyses.',
  },
  analysisJobsQueued: {
    type: 'gauge',
    name: n.METRIC_ANALYSIS_JOBS_QUEUED,
    help: 'Analysis jobs waiting in the persistent queue.',
  },
  analysisJobsOldestAge: {
    type: 'gauge',
    name: n.METRIC_ANALYSIS_JOBS_OLDEST_AGE,
    help: 'Age of the oldest queued analysis job (0 when the queue is empty).',
  },
  evaluations: {
    type: 'counter',
    name: n.METRIC_EVALUATIONS_TOTAL,
    help: 'Live decisions evaluated, by registered model and risk level.',
    labels: ['model', 'risk_level'],
  },
  modelDisparity: {
    type: 'gauge',
    name: n.METRIC_MODEL_DISPARITY,
    help: 'Current disparity of a monitored model over its live window, by fairness metric.',
    labels: MODEL_METRIC,
  },
  modelDisparityThreshold: {
    type: 'gauge',
    name: n.METRIC_MODEL_DISPARITY_THRESHOLD,
    help: "Policy threshold of a monitored model's fairness metric; breach says on which side a value breaches it.",
    labels: [...MODEL_METRIC, 'breach'],
  },
  modelFairnessVerdict: {
    type: 'gauge',
    name: n.METRIC_MODEL_FAIRNESS_VERDICT,
    help: 'Live-window verdict per policy metric: 1 on the current verdict, 0 on the others.',
    labels: [...MODEL_METRIC, 'verdict'],
  },
  analysisNormalizedDuration: {
    type: 'histogram',
    name: n.METRIC_ANALYSIS_NORMALIZED_DURATION,
    help: 'Completed analysis wall time divided by max(1, rows / 1000).',
    labels: ['mode'],
    buckets: n.ANALYSIS_NORMALIZED_DURATION_BUCKETS,
  },
  incidentsOpen: {
    type: 'gauge',
    name: n.METRIC_INCIDENTS_OPEN,
    help: 'Incidents currently open, by severity.',
    labels: ['severity'],
  },
  dependencyUp: {
    type: 'gauge',
    name: n.METRIC_DEPENDENCY_UP,
    help: 'Whether a dependency is reachable (1) or not (0).',
    labels: ['dependency'],
  },
  dependencyCircuitState: {
    type: 'gauge',
    name: n.METRIC_DEPENDENCY_CIRCUIT_STATE,
    help: 'Circuit-breaker state of a dependency: 1 for the current state, 0 for the others.',
    labels: ['dependency', 'state'],
  },
  authFailures: {
    type: 'counter',
    name: n.METRIC_AUTH_FAILURES_TOTAL,
    help: 'Failed authentications (bad access token or API key, wrong password), by credential.',
    labels: ['credential'],
  },
  authThrottled: {
    type: 'counter',
    name: n.METRIC_AUTH_THROTTLED_TOTAL,
    help: 'Requests refused before their credentials were checked because of earlier failures, by credential and scope.',
    labels: ['credential', 'scope'],
  },
  analysisStageDuration: {
    type: 'histogram',
    name: n.METRIC_ANALYSIS_STAGE_DURATION,
    help: 'Duration of one fairness-engine stage of an analysis.',
    labels: ['stage'],
    buckets: n.ANALYSIS_STAGE_BUCKETS,
    exemplars: true,
  },
  telemetryExportFailures: {
    type: 'counter',
    name: n.METRIC_TELEMETRY_EXPORT_FAILURES,
    help: 'Telemetry batches (spans) that could not be exported; the requests they describe were unaffected.',
  },
  // Series appear only where queries run (the backend); ai-core exports the header alone.
  dbQueryDuration: {
    type: 'histogram',
    name: n.METRIC_DB_QUERY_DURATION,
    help: 'Duration of database queries as the query builder measured them, by SQL operation.',
    labels: ['operation'],
    buckets: n.DB_QUERY_DURATION_BUCKETS,
  },
  dbPoolConnections: {
    type: 'gauge',
    name: n.METRIC_DB_POOL_CONNECTIONS,
    help: 'PostgreSQL pool connections of this process by state (busy, idle, waiting callers).',
    labels: ['state'],
  },
  dbWalBytes: {
    type: 'gauge',
    name: n.METRIC_DB_WAL_BYTES,
    help: 'Size of the SQLite write-ahead log file; a background checkpoint keeps it bounded.',
    labels: ['dialect'],
  },
} as const satisfies Record<string, MetricSpec>;

type Specs = typeof METRICS;
type LabelOf<S extends MetricSpec> = S extends { labels: readonly (infer L extends string)[] } ? L : string;
type InstrumentOf<S extends MetricSpec> = {
  counter: Counter<LabelOf<S>>;
  gauge: Gauge<LabelOf<S>>;
  histogram: Histogram<LabelOf<S>>;
}[S['type']];
export type Instruments = { readonly [K in keyof Specs]: InstrumentOf<Specs[K]> };
export type Metrics = ReturnType<typeof createMetrics>;
export type DbQueryDuration = Instruments['dbQueryDuration'];

/** What the database handle reports at scrape time; a field is absent where the dialect has none. */
export interface DatabaseStats {
  readonly pool?: { readonly total: number; readonly idle: number; readonly waiting: number };
  readonly walBytes?: number;
}

export interface MetricsOptions {
  /** Set as the `service` label on every series. */
  service: string;
  /** Process and Node runtime metrics (prom-client defaults); on by default. */
  defaultMetrics?: boolean;
}

/** prom-client metrics of one service, in its own registry (never prom-client's global one). */
export function createMetrics(options: MetricsOptions) {
  const registry = new Registry();
  const defaultLabels = { [n.LABEL_SERVICE]: options.service };
  registry.setDefaultLabels(defaultLabels);
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  let readDatabase: (() => DatabaseStats) | undefined;
  // prom-client 15.1.3 does not export event-loop utilisation, Node's best single saturation signal.
  let previousElu = performance.eventLoopUtilization();
  const collectors: { [K in keyof Specs]?: (this: InstrumentOf<Specs[K]>) => void } = {
    eventLoopUtilization() {
      const current = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(current, previousElu).utilization);
      previousElu = current;
    },
    dbPoolConnections() {
      const pool = readDatabase?.().pool;
      if (pool === undefined) return;
      this.set({ state: 'busy' }, pool.total - pool.idle);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
    dbWalBytes() {
      const walBytes = readDatabase?.().walBytes;
      if (walBytes !== undefined) this.set({ dialect: 'sqlite' }, walBytes);
    },
  };
  const instruments = Object.fromEntries(
    Object.entries(METRICS).map(([key, spec]) => [key, register(registry, spec, collectors[key as keyof Specs])]),
  ) as unknown as Instruments;
  let openMetrics: Registry<OpenMetricsContentType> | undefined;
  return {
    registry,
    instruments,
    /** Lets the pool and WAL gauges read the database handle at every scrape. */
    watchDatabase(read: () => DatabaseStats): void {
      readDatabase = read;
    },
    /** OpenMetrics (with exemplars) when `accept` asks for it, else Prometheus text. */
    async exposition(accept?: string): Promise<{ contentType: string; body: string }> {
      if (accept === undefined || !accept.includes('application/openmetrics-text')) {
        return { contentType: registry.contentType, body: await registry.metrics() };
      }
      openMetrics ??= openMetricsRegistry(registry, defaultLabels);
      return { contentType: openMetrics.contentType, body: await openMetrics.metrics() };
    },
  };
}

function register(registry: Registry, spec: MetricSpec, collect: (() => void) | undefined): Metric {
  const config = { name: spec.name, help: spec.help, labelNames: spec.labels ?? [], collect };
  if (spec.type === 'counter') return new Counter({ ...config, registers: [registry] });
  if (spec.type === 'gauge') return new Gauge({ ...config, registers: [registry] });
  // Exemplars are OpenMetrics-only: prom-client refuses `registers: [registry]` for a text-format registry.
  const histogram = new Histogram({
    ...config,
    buckets: [...spec.buckets!],
    enableExemplars: spec.exemplars,
    registers: [],
  });
  registry.registerMetric(histogram);
  return histogram;
}

/**
 * The same metrics in an OpenMetrics registry. Histograms and gauges are shared objects; counters
 * are read through a mirror counter, because prom-client 15.1.3's OpenMetrics rendering renames a
 * counter in place (drops `_total` from its `name`), after which the Prometheus text form would
 * print `http_requests` instead of `http_requests_total` (prometheus/client_js PR #829, open;
 * `test/metrics-exposition.test.ts` scrapes both forms in turn). A mirror costs work only at scrape time.
 */
function openMetricsRegistry(
  source: Registry,
  defaultLabels: Record<string, string>,
): Registry<OpenMetricsContentType> {
  const target = new Registry<OpenMetricsContentType>();
  target.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  target.setDefaultLabels(defaultLabels);
  const labelNames = new Map<string, readonly string[]>(
    Object.values(METRICS).map((m: MetricSpec) => [m.name, m.labels ?? []]),
  );
  for (const metric of source.getMetricsAsArray()) {
    if (!(metric instanceof Counter)) {
      target.registerMetric(metric as unknown as Metric);
      continue;
    }
    const counter: Counter = metric;
    new Counter({
      name: metric.name,
      help: metric.help,
      labelNames: labelNames.get(metric.name) ?? [],
      registers: [target],
      async collect() {
        const { values } = await counter.get();
        this.reset();
        for (const value of values) this.inc(value.labels, value.value);
      },
    });
  }
  return target;
}

/**
 * Observes with a `{trace_id, span_id}` exemplar only when `span` is sampled, so it always points at
 * a trace the tracing backend has. (prom-client 15's typings wrongly require exemplar label names
 * to be the metric's own, hence the cast.)
 */
export function observeWithExemplar<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T>,
  value: number,
  span: SpanContext | undefined,
): void {
  if (span === undefined || (span.traceFlags & TraceFlags.SAMPLED) === 0) histogram.observe({ labels, value });
  else {
    const exemplarLabels = { trace_id: span.traceId, span_id: span.spanId } as LabelValues<string> as LabelValues<T>;
    histogram.observe({ labels, value, exemplarLabels });
  }
}
