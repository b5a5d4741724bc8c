import { METRIC_EVENT_LOOP_UTILIZATION, METRIC_HTTP_REQUESTS_IN_PROGRESS } from '@ethixai/observability/names';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { API_ROUTES, RATE, latencyQuantile, requestRate, requestShare } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string, exemplar?: boolean) => ({ datasource: PROMETHEUS, expr, legend, exemplar });

/** A 5-second view of a load-test run: throughput, the latency curve, errors and what saturates first. */
export const stress: DashboardSpec = {
  uid: 'ethixai-stress',
  title: 'EthixAI / Stress testing',
  description: 'Throughput, latency percentiles, errors and saturation while a load test runs (refreshes every 5 s).',
  refresh: '5s',
  panels: [
    {
      kind: 'stat',
      title: 'Throughput',
      unit: 'reqps',
      width: 8,
      description: 'How many requests per second does the system sustain under the test?',
      queries: [prom(requestRate('service'), '{{service}}')],
    },
    {
      kind: 'stat',
      title: 'Non-2xx share',
      unit: 'percentunit',
      width: 8,
      description: `What share of the test's requests did not succeed (a run counts only its 2xx answers)? Server errors above ${T.errorRatio * 100} % break the error-rate objective.`,
      queries: [prom(requestShare('service', 'status!~"2.."'), '{{service}}')],
      thresholds: [{ value: T.errorRatio, color: 'red' }],
    },
    {
      kind: 'stat',
      title: 'API p95 under load',
      unit: 's',
      width: 8,
      description: `Does p95 hold the ${T.apiLatencySeconds} s objective at this load?`,
      queries: [prom(latencyQuantile(0.95, 'service', `, ${API_ROUTES}`), '{{service}}')],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Latency percentiles by route',
      unit: 's',
      width: 24,
      description:
        'How do p50 and p99 move per route as load rises (the knee is where p99 leaves p50)? Exemplars link to traces.',
      queries: [
        prom(latencyQuantile(0.5, 'service, route'), 'p50 {{service}} {{route}}', true),
        prom(latencyQuantile(0.99, 'service, route'), 'p99 {{service}} {{route}}', true),
      ],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Throughput by route and status',
      unit: 'reqps',
      description: 'Which routes and statuses make up the load?',
      queries: [prom(requestRate('service, route, status'), '{{service}} {{route}} {{status}}')],
    },
    {
      kind: 'timeseries',
      title: 'In flight and event loop',
      unit: 'short',
      description:
        'What saturates first: requests queueing in the process (in flight) or the event loop (utilisation, 0-1)?',
      queries: [
        prom(
          `sum by (service, instance) (${METRIC_HTTP_REQUESTS_IN_PROGRESS}{${S}})`,
          'in flight {{service}} {{instance}}',
        ),
        prom(`${METRIC_EVENT_LOOP_UTILIZATION}{${S}}`, 'loop {{service}} {{instance}}'),
      ],
    },
    {
      kind: 'timeseries',
      title: 'CPU under load',
      unit: 'percentunit',
      description: 'Is a process CPU-bound (one core is 100 %)?',
      queries: [prom(`rate(process_cpu_seconds_total{${S}}[${RATE}])`, '{{service}} {{instance}}')],
    },
    {
      kind: 'timeseries',
      title: 'Heap under load',
      unit: 'bytes',
      description: 'Does the heap return to its baseline after the run (no growth left behind)?',
      queries: [prom(`nodejs_heap_size_used_bytes{${S}}`, '{{service}} {{instance}}')],
      thresholds: [{ value: T.heapBudgetBytes, color: 'red' }],
    },
  ],
};
