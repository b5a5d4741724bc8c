import { METRIC_EVENT_LOOP_UTILIZATION, METRIC_HTTP_REQUESTS_IN_PROGRESS } from '@ethixai/observability/names';
import {
  METRIC_STRESS_DURATION,
  METRIC_STRESS_IN_FLIGHT,
  METRIC_STRESS_OFFERED_RATE,
  METRIC_STRESS_PHASE,
  METRIC_STRESS_REQUESTS,
  METRIC_STRESS_RUN_START,
  METRIC_STRESS_UNEXPECTED,
} from '@ethixai/stress/metric-names';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { API_ROUTES, RATE, latencyQuantile, requestRate, requestShare } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string, exemplar?: boolean) => ({ datasource: PROMETHEUS, expr, legend, exemplar });

/** The suite's own view, from its live metrics (`npm run stress -- … --metrics-port`): what it offered and got back. */
const answered = (by: string) => `sum by (${by}) (rate(${METRIC_STRESS_REQUESTS}[${RATE}]))`;
const clientQuantile = (q: number, by: string) =>
  `histogram_quantile(${q}, sum by (le, ${by}) (rate(${METRIC_STRESS_DURATION}_bucket[${RATE}])))`;

/**
 * A 5-second view of a load-test run: the stress suite's side (offered load, answers, client
 * latency, its phase) from its live metrics, beside the services' RED and saturation. The suite's
 * panels show every run it serves; the service and instance variables filter the services' panels.
 */
export const stress: DashboardSpec = {
  uid: 'ethixai-stress',
  title: 'EthixAI / Stress testing',
  description:
    "A load-test run as it happens: the stress suite's offered load, answers and client latency (its live metrics, `--metrics-port`) beside the services' rate, errors, latency and saturation (refreshes every 5 s).",
  refresh: '5s',
  panels: [
    {
      kind: 'stat',
      title: 'Phase under way',
      unit: 'none',
      showName: true,
      description:
        'Which scenario is running, and which of its phases (warm-up, ramp, steady, spike, a saturation step)?',
      queries: [prom(`max by (scenario, phase) (${METRIC_STRESS_PHASE}) == 1`, '{{scenario}}: {{phase}}')],
    },
    {
      kind: 'stat',
      title: 'Run time',
      unit: 's',
      description: 'How long has the run been going (since its fixtures were created)?',
      queries: [prom(`time() - max by (scenario) (${METRIC_STRESS_RUN_START})`, '{{scenario}}')],
    },
    {
      kind: 'stat',
      title: 'Offered and answered rate',
      unit: 'reqps',
      description:
        'Does the system keep up with the schedule: are answers per second as many as the rate the scenario offers? (Closed-loop saturation steps offer no rate.)',
      queries: [
        prom(`sum by (scenario) (${METRIC_STRESS_OFFERED_RATE})`, 'offered {{scenario}}'),
        prom(answered('scenario'), 'answered {{scenario}}'),
      ],
    },
    {
      kind: 'stat',
      title: 'Unexpected answers (client)',
      unit: 'percentunit',
      description:
        "What share of the suite's requests got a status the scenario does not expect, or no answer? Any is a failed run; above the error-rate alert's share it is an outage.",
      queries: [
        prom(
          `sum by (scenario) (rate(${METRIC_STRESS_UNEXPECTED}[${RATE}])) / ${answered('scenario')}`,
          '{{scenario}}',
        ),
      ],
      thresholds: [{ value: T.errorRatio, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Offered load, answers and in flight (client)',
      unit: 'reqps',
      description:
        'Where does the system fall behind: answers below the offered rate, and requests piling up in flight (a count, on the same axis)?',
      queries: [
        prom(`sum by (scenario) (${METRIC_STRESS_OFFERED_RATE})`, 'offered {{scenario}}'),
        prom(answered('scenario'), 'answered {{scenario}}'),
        prom(`sum by (scenario) (${METRIC_STRESS_IN_FLIGHT})`, 'in flight {{scenario}}'),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Client latency by endpoint',
      unit: 's',
      description: `How long does each endpoint take as the client sees it, from the request's due time (queueing in the client included: no coordinated omission)? Red: the ${T.apiLatencySeconds} s API objective.`,
      queries: [
        prom(clientQuantile(0.5, 'scenario, endpoint'), 'p50 {{endpoint}}'),
        prom(clientQuantile(0.95, 'scenario, endpoint'), 'p95 {{endpoint}}'),
        prom(clientQuantile(0.99, 'scenario, endpoint'), 'p99 {{endpoint}}'),
      ],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Client outcomes by endpoint and status',
      unit: 'reqps',
      description: 'Which answers does each endpoint give under the load (status "error": no answer at all)?',
      queries: [prom(answered('endpoint, status'), '{{endpoint}} {{status}}')],
    },
    {
      kind: 'timeseries',
      title: 'Services: throughput by route and status',
      unit: 'reqps',
      description: 'What do the services themselves answer per route and status (their http_requests_total)?',
      queries: [prom(requestRate('service, route, status'), '{{service}} {{route}} {{status}}')],
    },
    {
      kind: 'stat',
      title: 'Services: throughput',
      unit: 'reqps',
      width: 8,
      description:
        'How many requests per second does each service serve under the test (ai-core: the analyses the backend forwards)?',
      queries: [prom(requestRate('service'), '{{service}}')],
    },
    {
      kind: 'stat',
      title: 'Services: non-2xx share',
      unit: 'percentunit',
      width: 8,
      description: `What share of the services' answers are not 2xx? Server errors above ${T.errorRatio * 100} % break the error-rate objective.`,
      queries: [prom(requestShare('service', 'status!~"2.."'), '{{service}}')],
      thresholds: [{ value: T.errorRatio, color: 'red' }],
    },
    {
      kind: 'stat',
      title: 'Services: API p95 under load',
      unit: 's',
      width: 8,
      description: `Does the services' own p95 hold the ${T.apiLatencySeconds} s objective at this load (analyses excepted)?`,
      queries: [prom(latencyQuantile(0.95, 'service', `, ${API_ROUTES}`), '{{service}}')],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Services: latency percentiles by route',
      unit: 's',
      width: 24,
      description:
        'How do p50 and p99 move per route as load rises (the knee is where p99 leaves p50)? The gap to the client latency is time spent queueing before the service reads the request. Exemplars link to traces.',
      queries: [
        prom(latencyQuantile(0.5, 'service, route'), 'p50 {{service}} {{route}}', true),
        prom(latencyQuantile(0.99, 'service, route'), 'p99 {{service}} {{route}}', true),
      ],
      thresholds: [{ value: T.apiLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Services: in flight and event loop',
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
      title: 'Services: CPU under load',
      unit: 'percentunit',
      description: 'Is a process CPU-bound (one core is 100 %)?',
      queries: [prom(`rate(process_cpu_seconds_total{${S}}[${RATE}])`, '{{service}} {{instance}}')],
    },
    {
      kind: 'timeseries',
      title: 'Services: heap under load',
      unit: 'bytes',
      width: 24,
      description: 'Does the heap return to its baseline after the run (no growth left behind)?',
      queries: [prom(`nodejs_heap_size_used_bytes{${S}}`, '{{service}} {{instance}}')],
      thresholds: [{ value: T.heapBudgetBytes, color: 'red' }],
    },
  ],
};
