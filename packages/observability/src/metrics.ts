import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric, type OpenMetricsContentType } from 'prom-client';
import { BoundedLabel } from './bounded-label.ts';
import { createBusinessMetrics, type BusinessMetrics } from './business-metrics.ts';
import { registerEventLoopUtilization } from './event-loop-utilization.ts';
import {
  HTTP_DURATION_BUCKETS,
  LABEL_METHOD,
  LABEL_ROUTE,
  LABEL_SERVICE,
  LABEL_STATUS,
  METRIC_HTTP_REQUESTS_IN_PROGRESS,
  METRIC_HTTP_REQUESTS_TOTAL,
  METRIC_HTTP_REQUEST_DURATION,
  METRIC_TELEMETRY_EXPORT_FAILURES,
} from './names.ts';

export type HttpLabel = typeof LABEL_METHOD | typeof LABEL_ROUTE | typeof LABEL_STATUS;

export interface HttpMetrics {
  /** `http_request_duration_seconds`; observed with `{trace_id, span_id}` exemplars for sampled requests. */
  duration: Histogram<HttpLabel>;
  requests: Counter<HttpLabel>;
  inProgress: Gauge<typeof LABEL_METHOD | typeof LABEL_ROUTE>;
}

export interface MetricsOptions {
  /** OTel service name (`ethixai-backend` / `ethixai-ai-core`); set as the `service` label on every series. */
  service: string;
  /** Distinct `model` label values before the rest are folded into `__other__`. */
  maxModelLabels: number;
  /** Process and Node runtime metrics (prom-client defaults); on by default. */
  defaultMetrics?: boolean;
}

export interface Exposition {
  contentType: string;
  body: string;
}

export interface Metrics {
  readonly service: string;
  /** prom-client registry holding every metric (Prometheus text format). Never the global one. */
  readonly registry: Registry;
  readonly http: HttpMetrics;
  readonly business: BusinessMetrics;
  readonly telemetryExportFailures: Counter;
  /** The cap applied to the `model` label by the business metrics. */
  readonly modelLabel: BoundedLabel;
  /** The registry's exposition: OpenMetrics (with exemplars) when `accept` asks for it, else Prometheus text. */
  exposition(accept?: string): Promise<Exposition>;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const defaultLabels = { [LABEL_SERVICE]: options.service };
  registry.setDefaultLabels(defaultLabels);
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  registerEventLoopUtilization(registry);
  const labelNames: HttpLabel[] = [LABEL_METHOD, LABEL_ROUTE, LABEL_STATUS];
  // Exemplars are OpenMetrics-only: prom-client refuses `registers: [registry]` for a text-format registry.
  const duration = new Histogram<HttpLabel>({
    name: METRIC_HTTP_REQUEST_DURATION, help: 'Duration of HTTP requests from arrival to response end, by route template and status.',
    labelNames, buckets: [...HTTP_DURATION_BUCKETS], enableExemplars: true, registers: [],
  });
  registry.registerMetric(duration);
  const http: HttpMetrics = {
    duration,
    requests: new Counter({ name: METRIC_HTTP_REQUESTS_TOTAL, help: 'HTTP requests answered, by route template and status.', labelNames, registers: [registry] }),
    inProgress: new Gauge({ name: METRIC_HTTP_REQUESTS_IN_PROGRESS, help: 'HTTP requests currently being served.', labelNames: [LABEL_METHOD, LABEL_ROUTE], registers: [registry] }),
  };
  const modelLabel = new BoundedLabel(options.maxModelLabels);
  const business = createBusinessMetrics(registry, modelLabel);
  const telemetryExportFailures = new Counter({
    name: METRIC_TELEMETRY_EXPORT_FAILURES,
    help: 'Telemetry batches (spans) that could not be exported; the requests they describe were unaffected.',
    registers: [registry],
  });
  const counterLabels = new Map<string, string[]>([
    [METRIC_HTTP_REQUESTS_TOTAL, labelNames], ...business.counterLabels,
  ]);
  let openMetrics: Registry<OpenMetricsContentType> | undefined;
  return {
    service: options.service, registry, http, business, telemetryExportFailures, modelLabel,
    async exposition(accept) {
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
 * `test/metrics.test.ts` scrapes both forms in turn). A mirror costs work only at scrape time.
 */
function openMetricsRegistry(source: Registry, defaultLabels: Record<string, string>, counterLabels: Map<string, string[]>): Registry<OpenMetricsContentType> {
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
      name: metric.name, help: metric.help, labelNames: counterLabels.get(metric.name) ?? [], registers: [target],
      async collect() {
        const { values } = await counter.get();
        this.reset();
        for (const value of values) this.inc(value.labels, value.value);
      },
    });
  }
  return target;
}
