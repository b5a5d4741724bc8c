import {
  DEPENDENCY_AI_CORE,
  METRIC_ANALYSES_TOTAL,
  METRIC_DEPENDENCY_CIRCUIT_STATE,
  METRIC_DEPENDENCY_UP,
  METRIC_TELEMETRY_EXPORT_FAILURES,
} from '@ethixai/observability/names';
import { LOKI, PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { RATE, requestRate, requestShare } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string) => ({ datasource: PROMETHEUS, expr, legend });

export const errors: DashboardSpec = {
  uid: 'ethixai-errors',
  title: 'EthixAI / Errors',
  description: 'Server errors, client errors by error code, timeouts, ai-core failures and the circuit breaker.',
  panels: [
    {
      kind: 'timeseries',
      title: '5xx per second by route',
      unit: 'reqps',
      description:
        'Which routes answer server errors, with which status (503 is a dependency outage or load shedding)?',
      queries: [prom(requestRate('service, route, status', ', status=~"5.."'), '{{service}} {{route}} {{status}}')],
    },
    {
      kind: 'timeseries',
      title: '5xx share',
      unit: 'percentunit',
      description: `Is the server-error share above the HighErrorRate line (${T.errorRatio * 100} % for 5 minutes)?`,
      queries: [prom(requestShare('service', 'status=~"5.."'), '{{service}}')],
      thresholds: [{ value: T.errorRatio, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: '4xx per second by route and status',
      unit: 'reqps',
      description:
        'Which client mistakes are answered, where (validation 400, auth 401/403, missing 404, rate limit 429)?',
      queries: [prom(requestRate('service, route, status', ', status=~"4.."'), '{{service}} {{route}} {{status}}')],
    },
    {
      kind: 'timeseries',
      title: 'Error responses by error code (logs)',
      unit: 'short',
      description:
        "Which stable error codes (BE_ERR_*, AIC_ERR_*, FAIR_ERR_*) are answered? Counted from the services' log lines, which carry the code.",
      queries: [
        {
          datasource: LOKI,
          expr: 'sum by (service, code) (count_over_time({service=~"$service"} | json | code=~".+_ERR_.+" [$__auto]))',
          legend: '{{service}} {{code}}',
        },
      ],
    },
    {
      kind: 'timeseries',
      title: 'Timeouts and abandoned requests',
      unit: 'reqps',
      description: 'Are requests timing out (408, 504) or being abandoned by clients before the answer (499)?',
      queries: [
        prom(requestRate('service, route, status', ', status=~"408|499|504"'), '{{service}} {{route}} {{status}}'),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Analyses failed or unavailable',
      unit: 'ops',
      description:
        'How many analyses fail inside ai-core (failed) or cannot reach it (unavailable: 503 with Retry-After)?',
      queries: [
        prom(
          `sum by (outcome) (rate(${METRIC_ANALYSES_TOTAL}{${S}, outcome=~"failed|unavailable"}[${RATE}]))`,
          '{{outcome}}',
        ),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Dependencies up',
      unit: 'short',
      min: 0,
      max: 1,
      description: 'Does the backend reach ai-core and the database? DependencyDown fires after 2 minutes at 0.',
      queries: [prom(`min by (dependency) (${METRIC_DEPENDENCY_UP}{${S}})`, '{{dependency}}')],
      baseColor: 'red',
      thresholds: [{ value: 1, color: 'green' }],
    },
    {
      kind: 'timeseries',
      title: 'ai-core circuit state',
      unit: 'short',
      min: 0,
      max: 1,
      description:
        "Is the backend's circuit breaker towards ai-core closed (calls flow), open (calls refused at once) or half open (probing)? CircuitOpen fires after 2 minutes not closed.",
      queries: [
        prom(
          `max by (state) (${METRIC_DEPENDENCY_CIRCUIT_STATE}{${S}, dependency="${DEPENDENCY_AI_CORE}"})`,
          '{{state}}',
        ),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Span batches lost',
      unit: 'short',
      width: 24,
      description:
        'Are traces being lost on the way to the collector? TracesLost fires when batches keep failing; requests are never affected.',
      queries: [prom(`sum by (service) (increase(${METRIC_TELEMETRY_EXPORT_FAILURES}{${S}}[${RATE}]))`, '{{service}}')],
    },
  ],
};
