import { METRIC_HTTP_REQUESTS_IN_PROGRESS } from '@ethixai/observability/names';
import { BUDGET_RECORD, errorRatioRecord } from '@ethixai/slo';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS, type DashboardSpec, type PanelSpec } from '../panel-spec.ts';
import { API_ROUTES, latencyQuantile, requestRate, requestShare } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend?: string, exemplar?: boolean) => ({
  datasource: PROMETHEUS,
  expr,
  legend,
  exemplar,
});
const SLO = 'service=~"$service"';

const burnPanels: PanelSpec[] = T.burnWindows.map(({ pair, factor }) => ({
  kind: 'timeseries',
  width: 6,
  unit: 'suffix:×',
  title: `Burn rate over ${pair.long} (${pair.severity} above ${factor}x)`,
  description: `How fast is each SLO spending its 30-day error budget over the last ${pair.long}? ErrorBudgetBurn (${pair.severity}) fires when this and the ${pair.short} window both exceed ${factor}x.`,
  queries: [
    prom(`${errorRatioRecord(pair.long)}{${SLO}} / on (service, slo) ${BUDGET_RECORD}{${SLO}}`, '{{service}} {{slo}}'),
  ],
  thresholds: [{ value: factor, color: pair.severity === 'critical' ? 'red' : 'orange' }],
  min: 0,
}));

export const overview: DashboardSpec = {
  uid: 'ethixai-overview',
  title: 'EthixAI / Production overview',
  description: 'RED per service, SLO status, error budget left and burn rates.',
  panels: [
    {
      kind: 'stat',
      title: 'Requests per second',
      unit: 'reqps',
      description: 'How much traffic is each service answering right now?',
      queries: [prom(requestRate('service'), '{{service}}')],
    },
    {
      kind: 'stat',
      title: '5xx share',
      unit: 'percentunit',
      description: `What share of requests fails with a server error? HighErrorRate fires above ${T.errorRatio * 100} % for 5 minutes.`,
      queries: [prom(requestShare('service', 'status=~"5.."'), '{{service}}')],
      thresholds: [{ value: T.errorRatio, color: 'red' }],
    },
    {
      kind: 'stat',
      title: 'API latency p95',
      unit: 's',
      description: `Are API requests (analyses excepted) fast enough? The latency SLO and HighLatencyP95 draw the line at ${T.apiLatencySeconds} s.`,
      queries: [prom(latencyQuantile(0.95, 'service', `, ${API_ROUTES}`), '{{service}}')],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'stat',
      title: 'Error budget left (30 d, approx.)',
      unit: 'percentunit',
      description:
        "How much of each SLO's 30-day error budget is left? The mean of the hourly error ratio over 30 days, as a share of the budget; below 0 the SLO is missed.",
      queries: [
        prom(
          `1 - avg_over_time(${errorRatioRecord('1h')}{${SLO}}[30d]) / on (service, slo) ${BUDGET_RECORD}{${SLO}}`,
          '{{service}} {{slo}}',
        ),
      ],
      baseColor: 'red',
      thresholds: [
        { value: 0, color: 'orange' },
        { value: 0.5, color: 'green' },
      ],
    },
    {
      kind: 'timeseries',
      title: 'Requests per second by route',
      unit: 'reqps',
      description: 'Which routes carry the traffic?',
      queries: [prom(requestRate('service, route'), '{{service}} {{route}}')],
    },
    {
      kind: 'timeseries',
      title: 'Errors per second by status',
      unit: 'reqps',
      description: 'Which client (4xx) and server (5xx) errors are being answered, and how often?',
      queries: [prom(requestRate('service, status', ', status=~"[45].."'), '{{service}} {{status}}')],
    },
    {
      kind: 'timeseries',
      title: 'API latency p50 / p95 / p99',
      unit: 's',
      description: `How long do API requests take? Exemplars link a slow point to its trace in Jaeger; the dashed line is the ${T.apiLatencySeconds} s objective.`,
      queries: [
        prom(latencyQuantile(0.5, 'service', `, ${API_ROUTES}`), 'p50 {{service}}', true),
        prom(latencyQuantile(0.95, 'service', `, ${API_ROUTES}`), 'p95 {{service}}', true),
        prom(latencyQuantile(0.99, 'service', `, ${API_ROUTES}`), 'p99 {{service}}', true),
      ],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Requests in flight',
      unit: 'short',
      description: 'How many requests is each instance serving at this moment (saturation)?',
      queries: [
        prom(
          `sum by (service, instance) (${METRIC_HTTP_REQUESTS_IN_PROGRESS}{${SERVICE_MATCHERS}})`,
          '{{service}} {{instance}}',
        ),
      ],
    },
    {
      kind: 'timeseries',
      title: 'SLI error ratio (5 min)',
      unit: 'percentunit',
      width: 24,
      description: `What share of events is bad per SLO right now (availability: 5xx; latency: slower than ${T.apiLatencySeconds} s; analysis latency: slower than ${T.analysisLatencySeconds} s per 1,000 rows)?`,
      queries: [prom(`${errorRatioRecord('5m')}{${SLO}}`, '{{service}} {{slo}}')],
    },
    ...burnPanels,
  ],
};
