import { JOB_AI_CORE, JOB_BACKEND, ROUTE_METRICS } from '@ethixai/observability/names';
import { INTERVALS, SERVICES } from './spec.ts';

export const JOB_ALERTMANAGER = 'alertmanager';
export const JOB_PROMETHEUS = 'prometheus';
/** The stress suite's live metrics (`npm run stress -- … --metrics-port 9465`), scraped only while a run serves them. */
export const JOB_STRESS = 'stress';
/**
 * Where the compose stack's Prometheus finds a stress run on the host: the suite runs outside
 * the stack, against its published ports (it sends traffic to loopback only), and listens with
 * `--metrics-host 0.0.0.0` so the container reaches it through host-gateway.
 */
export const STRESS_TARGET = 'host.docker.internal:9465';
/** A run lasts minutes: 5 s scrapes give the stress dashboard (5 s refresh) a point per refresh. */
export const STRESS_SCRAPE_INTERVAL = '5s';

/**
 * Retention, which Prometheus takes as flags only: the burn-rate alerts look back 3 days and
 * the SLO period is 30 days, so 35 days are kept; the size cap (well above the estimate in
 * docs/observability/ALERTING.md) only acts when a label explosion would fill the disk first.
 */
export const RETENTION = { time: '35d', size: '16GB' } as const;

export interface PrometheusOptions {
  readonly scrapeInterval: string;
  readonly scrapeTimeout: string;
  readonly evaluationInterval: string;
  /** host:port per scrape job. */
  readonly targets: Readonly<Record<string, readonly string[]>>;
  readonly alertmanagers: readonly string[];
  /** Bearer credential for the services' /metrics, read at every scrape (relative: to this file). */
  readonly metricsCredentialsFile: string;
  readonly ruleFiles: readonly string[];
  /** Scrape interval of the stress job (default: the global one). */
  readonly stressScrapeInterval?: string;
}

export const PRODUCTION_PROMETHEUS: PrometheusOptions = {
  scrapeInterval: INTERVALS.scrape,
  scrapeTimeout: INTERVALS.scrapeTimeout,
  evaluationInterval: INTERVALS.evaluation,
  targets: {
    ...Object.fromEntries(SERVICES.map((s) => [s.job, [s.target]])),
    [JOB_ALERTMANAGER]: ['alertmanager:9093'],
    [JOB_PROMETHEUS]: ['localhost:9090'],
    [JOB_STRESS]: [STRESS_TARGET],
  },
  alertmanagers: ['alertmanager:9093'],
  metricsCredentialsFile: 'secrets/metrics-token',
  ruleFiles: ['rules/*.yml'],
  stressScrapeInterval: STRESS_SCRAPE_INTERVAL,
};

export function prometheusConfig(o: PrometheusOptions = PRODUCTION_PROMETHEUS): unknown {
  const job = (name: string, service: boolean) => ({
    job_name: name,
    ...(service
      ? { metrics_path: ROUTE_METRICS, authorization: { type: 'Bearer', credentials_file: o.metricsCredentialsFile } }
      : {}),
    static_configs: [{ targets: [...(o.targets[name] ?? [])] }],
  });
  return {
    global: {
      scrape_interval: o.scrapeInterval,
      scrape_timeout: o.scrapeTimeout,
      evaluation_interval: o.evaluationInterval,
    },
    rule_files: [...o.ruleFiles],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [...o.alertmanagers] }] }] },
    scrape_configs: [
      job(JOB_BACKEND, true),
      job(JOB_AI_CORE, true),
      job(JOB_ALERTMANAGER, false),
      job(JOB_PROMETHEUS, false),
      // No credential: the suite's metrics describe its own traffic, nothing of the services' data.
      ...(o.targets[JOB_STRESS]
        ? [
            {
              job_name: JOB_STRESS,
              ...(o.stressScrapeInterval
                ? { scrape_interval: o.stressScrapeInterval, scrape_timeout: o.stressScrapeInterval }
                : {}),
              static_configs: [{ targets: [...o.targets[JOB_STRESS]] }],
            },
          ]
        : []),
    ],
  };
}
