import { LOKI } from '../datasources.ts';
import type { DashboardSpec } from '../panel-spec.ts';

const loki = (expr: string, legend = '') => ({ datasource: LOKI, expr, legend });
/** Alloy labels each line with the JSON fields service and level (ops/alloy/config.alloy). */
const STREAM = '{service=~"$service"}';

export const logs: DashboardSpec = {
  uid: 'ethixai-logs',
  title: 'EthixAI / Logs',
  description: 'Error lines by service and code, log volume, and the lines themselves with links to their traces.',
  panels: [
    {
      kind: 'timeseries',
      title: 'Error lines by service',
      unit: 'short',
      description: 'How many error-level lines does each service write?',
      queries: [loki(`sum by (service) (count_over_time(${STREAM} | json | level="error" [$__auto]))`, '{{service}}')],
    },
    {
      kind: 'timeseries',
      title: 'Error codes in logs',
      unit: 'short',
      description: 'Which error codes appear in the log lines (client and server errors alike)?',
      queries: [
        loki(
          `sum by (service, code) (count_over_time(${STREAM} | json | code=~".+_ERR_.+" [$__auto]))`,
          '{{service}} {{code}}',
        ),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Log volume by level',
      unit: 'short',
      width: 24,
      description: 'How many lines does each service write per level (a sudden jump is often a retry loop)?',
      queries: [loki(`sum by (service, level) (count_over_time(${STREAM} [$__auto]))`, '{{service}} {{level}}')],
    },
    {
      kind: 'logs',
      title: 'Warnings and errors',
      description:
        "What exactly went wrong? Each line's trace_id links to its trace in Jaeger (the Loki data source's derived field).",
      queries: [loki(`${STREAM} | json | level=~"warn|error|fatal"`)],
    },
  ],
};
