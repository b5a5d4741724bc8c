import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type Metric,
  type OpenMetricsContentType,
} from 'prom-client';
import { createBusinessMetrics } from './business-metrics.ts';
import { registerEventLoopUtilization } from './event-loop-utilization.ts';
import {
  DB_QUERY_DURATION_BUCKETS,
  HTTP_DURATION_BUCKETS,
  LABEL_DIALECT,
  LABEL_OPERATION,
  LABEL_STATE,
  LABEL_METHOD,
  LABEL_ROUTE,
  LABEL_SERVICE,
  LABEL_STATUS,
  METRIC_DB_POOL_CONNECTIONS,
  METRIC_DB_QUERY_DURATION,
  METRIC_DB_WAL_BYTES,
  METRIC_HTTP_REQUESTS_IN_PROGRESS,
  METRIC_HTTP_REQUESTS_TOTAL,
  METRIC_HTTP_REQUEST_DURATION,
  METRIC_TELEMETRY_EXPORT_FAILURES,
} from './names.ts';

export type HttpLabel = typeof LABEL_METHOD | typeof LABEL_ROUTE | typeof LABEL_STATUS;
export type Metrics = ReturnType<typeof createMetrics>;
export type DbQueryDuration = Histogram<typeof LABEL_OPERATION>;

/** What the database handle reports at scrape time; a field is absent where the dialect has none. */
export interface DatabaseStats {
  readonly pool?: { readonly total: number; readonly idle: number; readonly waiting: number };
  readonly walBytes?: number;
}

export interface MetricsOptions {
  /** OTel service name (`ethixai-backend` / `ethixai-ai-core`); set as the `service` label on every series. */
  service: string;
  /** Distinct `model` label values before the rest are folded into `__other__`. */
  maxModelLabels: number;
  /** Process and Node runtime metrics (prom-client defaults); on by default. */
  defaultMetrics?: boolean;
}

/** prom-client metrics of one service, in its own registry (never prom-client's global one). */
export function createMetrics(options: MetricsOptions) {
  const registry = new Registry();
  const defaultLabels = { [LABEL_SERVICE]: options.service };
  registry.setDefaultLabels(defaultLabels);
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  registerEventLoopUtilization(registry);
  const labelNames: HttpLabel[] = [LABEL_METHOD, LABEL_ROUTE, LABEL_STATUS];
  // Exemplars are OpenMetrics-only: prom-client refuses `registers: [registry]` for a text-format registry.
  const duration = new Histogram<HttpLabel>({
    name: METRIC_HTTP_REQUEST_DURATION,
    help: 'Duration of HTTP requests from arrival to response end, by route template and status.',
    labelNames,
    buckets: [...HTTP_DURATION_BUCKETS],
    enableExemplars: true,
    registers: [],
  });
  registry.registerMetric(duration);
  const http = {
    /** Observed with `{trace_id, span_id}` exemplars for sampled requests (exemplar.ts). */
    duration,
    requests: new Counter({
      name: METRIC_HTTP_REQUESTS_TOTAL,
      help: 'HTTP requests answered, by route template and status.',
      labelNames,
      registers: [registry],
    }),
    inProgress: new Gauge({
      name: METRIC_HTTP_REQUESTS_IN_PROGRESS,
      help: 'HTTP requests currently being served.',
      labelNames: [LABEL_METHOD, LABEL_ROUTE],
      registers: [registry],
    }),
  };
  const business = createBusinessMetrics(registry, options.maxModelLabels);
  const telemetryExportFailures = new Counter({
    name: METRIC_TELEMETRY_EXPORT_FAILURES,
    help: 'Telemetry batches (spans) that could not be exported; the requests they describe were unaffected.',
    registers: [registry],
  });
  // Series appear only where queries run (the backend); ai-core exports the header alone.
  const dbQueryDuration: DbQueryDuration = new Histogram({
    name: METRIC_DB_QUERY_DURATION,
    help: 'Duration of database queries as the query builder measured them, by SQL operation.',
    labelNames: [LABEL_OPERATION],
    buckets: [...DB_QUERY_DURATION_BUCKETS],
    registers: [registry],
  });
  // Read at scrape time from the database handle the backend attaches (watchDatabase).
  let readDatabase: (() => DatabaseStats) | undefined;
  new Gauge({
    name: METRIC_DB_POOL_CONNECTIONS,
    help: 'PostgreSQL pool connections of this process by state (busy, idle, waiting callers).',
    labelNames: [LABEL_STATE],
    registers: [registry],
    collect() {
      const pool = readDatabase?.().pool;
      if (pool === undefined) return;
      this.set({ state: 'busy' }, pool.total - pool.idle);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  new Gauge({
    name: METRIC_DB_WAL_BYTES,
    help: 'Size of the SQLite write-ahead log file; a background checkpoint keeps it bounded.',
    labelNames: [LABEL_DIALECT],
    registers: [registry],
    collect() {
      const walBytes = readDatabase?.().walBytes;
      if (walBytes !== undefined) this.set({ dialect: 'sqlite' }, walBytes);
    },
  });
  const counterLabels = new Map<string, string[]>([
    [METRIC_HTTP_REQUESTS_TOTAL, labelNames],
    ...business.counterLabels,
  ]);
  let openMetrics: Registry<OpenMetricsContentType> | undefined;
  return {
    service: options.service,
    registry,
    http,
    business,
    telemetryExportFailures,
    dbQueryDuration,
    /** Lets the pool and WAL gauges read the database handle at every scrape. */
    watchDatabase(read: () => DatabaseStats): void {
      readDatabase = read;
    },
    /** The registry's exposition: OpenMetrics (with exemplars) when `accept` asks for it, else Prometheus text. */
    async exposition(accept?: string): Promise<{ contentType: string; body: string }> {
      if (accept === undefined || !accept.includes('application/openmetrics-text')) {
        return { contentType: registry.contentType, body: await registry.metrics() };
      }
      openMetrics ??= openMetricsRegistry(registry, defaultLabels, counterLabels);
      return { contentType: openMetrics.contentType, body: await openMetrics.metrics() };
    },
  };
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
  counterLabels: Map<string, string[]>,
): Registry<OpenMetricsContentType> {
  const target = new Registry<OpenMetricsContentType>();
  target.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  target.setDefaultLabels(defaultLabels);
  for (const metric of source.getMetricsAsArray()) {
    if (!(metric instanceof Counter)) {
      target.registerMetric(metric as unknown as Metric);
      continue;
    }
    const counter: Counter = metric;
    new Counter({
      name: metric.name,
      help: metric.help,
      labelNames: counterLabels.get(metric.name) ?? [],
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
