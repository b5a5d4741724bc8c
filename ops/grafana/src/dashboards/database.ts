import {
  DEPENDENCY_DATABASE,
  METRIC_DB_POOL_CONNECTIONS,
  METRIC_DB_QUERY_DURATION,
  METRIC_DB_WAL_BYTES,
  METRIC_DEPENDENCY_UP,
} from '@ethixai/observability/names';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { RATE, histogramQuantile } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string) => ({ datasource: PROMETHEUS, expr, legend });
const ms = T.dbQueryP95Seconds * 1000;

export const database: DashboardSpec = {
  uid: 'ethixai-database',
  title: 'EthixAI / Database',
  description: `Query latency per operation against the ${ms} ms objective, query rate, reachability, pool use and the SQLite WAL. Replication lag is the managed database's own metric (a Multi-AZ standby is synchronous).`,
  panels: [
    {
      kind: 'timeseries',
      title: 'Query p95 by operation',
      unit: 's',
      description: `Are queries within the plan's ${ms} ms p95 objective, per operation (select, insert, update, delete, other)?`,
      queries: [prom(histogramQuantile(0.95, METRIC_DB_QUERY_DURATION, 'operation'), 'p95 {{operation}}')],
      thresholds: [{ value: T.dbQueryP95Seconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Queries per second by operation',
      unit: 'ops',
      description: 'How many queries does each backend instance run, by operation?',
      queries: [
        prom(
          `sum by (instance, operation) (rate(${METRIC_DB_QUERY_DURATION}_count{${S}}[${RATE}]))`,
          '{{instance}} {{operation}}',
        ),
      ],
    },
    {
      kind: 'stat',
      title: 'Queries within objective',
      unit: 'percentunit',
      width: 12,
      description: `What share of queries finished within ${ms} ms (the histogram's ${T.dbQueryP95Seconds} s bucket)? Below 95 % the p95 objective is missed.`,
      queries: [
        prom(
          `sum(rate(${METRIC_DB_QUERY_DURATION}_bucket{${S}, le="${T.dbQueryP95Seconds}"}[${RATE}])) / sum(rate(${METRIC_DB_QUERY_DURATION}_count{${S}}[${RATE}]))`,
          'within objective',
        ),
      ],
      baseColor: 'red',
      thresholds: [{ value: 0.95, color: 'green' }],
    },
    {
      kind: 'stat',
      title: 'Database reachable',
      unit: 'short',
      width: 12,
      description:
        'Does every backend instance reach the database (its /ready depends on it)? DependencyDown fires after 2 minutes at 0.',
      queries: [prom(`min(${METRIC_DEPENDENCY_UP}{${S}, dependency="${DEPENDENCY_DATABASE}"})`, 'database')],
      baseColor: 'red',
      thresholds: [{ value: 1, color: 'green' }],
    },
    {
      kind: 'timeseries',
      title: 'Connection pool (PostgreSQL)',
      unit: 'short',
      description:
        'Is the connection pool the bottleneck? Busy and idle connections per instance, and callers waiting for one (anything above 0 waiting queues requests).',
      queries: [prom(`sum by (instance, state) (${METRIC_DB_POOL_CONNECTIONS}{${S}})`, '{{instance}} {{state}}')],
    },
    {
      kind: 'timeseries',
      title: 'SQLite write-ahead log',
      unit: 'bytes',
      description:
        'Is the SQLite WAL kept small by the background checkpoint (about 16 MB at most)? A growing WAL means checkpoints are blocked by long readers.',
      queries: [prom(`${METRIC_DB_WAL_BYTES}{${S}}`, '{{instance}}')],
    },
    {
      kind: 'timeseries',
      title: 'Connections busy (query seconds per second)',
      unit: 'short',
      width: 24,
      description:
        "How many connections are busy on average (query time per second of wall time, Little's law)? Near the pool size (10 per replica), requests queue for a connection.",
      queries: [prom(`sum by (instance) (rate(${METRIC_DB_QUERY_DURATION}_sum{${S}}[${RATE}]))`, '{{instance}}')],
    },
  ],
};
