import { JOB_AI_CORE, JOB_BACKEND, ROUTE_METRICS } from '@ethixai/observability/names';
import { INTERVALS, SERVICES } from './spec.ts';

export const JOB_ALERTMANAGER = 'alertmanager';
export const JOB_PROMETHEUS = 'prometheus';

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
}

export const PRODUCTION_PROMETHEUS: PrometheusOptions = {
  scrapeInterval: INTERVALS.scrape,
  scrapeTimeout: INTERVALS.scrapeTimeout,
  evaluationInterval: INTERVALS.evaluation,
  targets: {
    ...Object.fromEntries(SERVICES.map((s) => [s.job, [s.target]])),
    [JOB_ALERTMANAGER]: ['alertmanager:9093'],
    [JOB_PROMETHEUS]: ['localhost:9090'],
  },
  alertmanagers: ['alertmanager:9093'],
  metricsCredentialsFile: 'secrets/metrics-token',
  ruleFiles: ['rules/*.yml'],
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
    ],
  };
}
