import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { BoundedLabel } from './bounded-label.ts';
import { createBusinessMetrics, type BusinessMetrics } from './business-metrics.ts';
import { registerEventLoopUtilization } from './event-loop-utilization.ts';
import { InFlightRequests } from './in-flight.ts';
import { RequestDurationHistogram } from './request-duration-histogram.ts';
import { serialize, type ExpositionFormat } from './exposition.ts';
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
  /** `http_request_duration_seconds`; observe each request once, with its exemplar when sampled. */
  duration: RequestDurationHistogram;
  /** Published at scrape from `duration`'s counts; never incremented directly. */
  requests: Counter<HttpLabel>;
  /** Published as `http_requests_in_progress` at scrape; count requests here (`start`/`end`). */
  inFlight: InFlightRequests;
  inProgress: Gauge<typeof LABEL_METHOD | typeof LABEL_ROUTE>;
}

export interface MetricsOptions {
  /** OTel service name (`ethixai-backend` / `ethixai-ai-core`); set as the `service` label on every series. */
  service: string;
  /** Registry to fill; a fresh one by default (never prom-client's global registry). */
  registry?: Registry;
  /** Distinct `model` label values before the rest are folded into `__other__`. */
  maxModelLabels: number;
  /** Process and Node runtime metrics (prom-client defaults); on by default. */
  defaultMetrics?: boolean;
}

export interface Metrics {
  readonly service: string;
  readonly registry: Registry;
  readonly http: HttpMetrics;
  readonly business: BusinessMetrics;
  readonly telemetryExportFailures: Counter;
  /** The cap applied to the `model` label by the business metrics. */
  readonly modelLabel: BoundedLabel;
  /** The exposition text in the requested format (OpenMetrics carries exemplars). */
  scrape(format?: ExpositionFormat): Promise<string>;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = options.registry ?? new Registry();
  registry.setDefaultLabels({ [LABEL_SERVICE]: options.service });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  registerEventLoopUtilization(registry);

  const http = createHttpMetrics(registry);
  const modelLabel = new BoundedLabel(options.maxModelLabels);
  const telemetryExportFailures = new Counter({
    name: METRIC_TELEMETRY_EXPORT_FAILURES,
    help: 'Telemetry batches (spans) that could not be exported; the requests they describe were unaffected.',
    registers: [registry],
  });
  return {
    service: options.service,
    registry,
    http,
    business: createBusinessMetrics(registry, modelLabel),
    telemetryExportFailures,
    modelLabel,
    scrape: (format = 'prometheus') => serialize(registry, format),
  };
}

function createHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = [LABEL_METHOD, LABEL_ROUTE, LABEL_STATUS] as const;
  const duration = new RequestDurationHistogram(
    METRIC_HTTP_REQUEST_DURATION,
    'Duration of HTTP requests from arrival to response end, by route template and status.',
    HTTP_DURATION_BUCKETS,
  );
  // A metric of its own (see request-duration-histogram.ts) that the registry reads like prom-client's.
  registry.registerMetric(duration as unknown as Metric);
  // Published at scrape from the duration histogram's counts (same labels, same events), so a
  // request updates one metric, not two. Rebuilt whole each time, so it stays monotonic exactly as
  // long as the histogram does.
  const requests = new Counter<HttpLabel>({
    name: METRIC_HTTP_REQUESTS_TOTAL,
    help: 'HTTP requests answered, by route template and status.',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      duration.forEachCount((labels, count) => this.inc(labels, count));
    },
  });
  const inFlight = new InFlightRequests();
  const inProgress = new Gauge<typeof LABEL_METHOD | typeof LABEL_ROUTE>({
    name: METRIC_HTTP_REQUESTS_IN_PROGRESS,
    help: 'HTTP requests currently being served.',
    labelNames: [LABEL_METHOD, LABEL_ROUTE],
    registers: [registry],
    collect() {
      inFlight.forEach((method, route, count) => this.set({ method, route }, count));
    },
  });
  return { duration, requests, inFlight, inProgress };
}
