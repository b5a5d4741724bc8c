import { JOB_AI_CORE, JOB_BACKEND, METRIC_EVENT_LOOP_UTILIZATION } from '@ethixai/observability/names';
import { PROM_CLIENT_HEAP_USED } from '@ethixai/slo';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { RATE } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string) => ({ datasource: PROMETHEUS, expr, legend });
const byInstance = '{{service}} {{instance}}';

export const system: DashboardSpec = {
  uid: 'ethixai-system',
  title: 'EthixAI / System',
  description: 'CPU, memory, event loop, garbage collection and file descriptors of every instance.',
  panels: [
    {
      kind: 'timeseries',
      title: 'Scrape targets up',
      unit: 'short',
      min: 0,
      max: 1,
      description:
        'Is Prometheus reaching every instance? 0 is a failed scrape: InstanceDown after 2 minutes, ServiceDown when no instance of a job is up.',
      queries: [prom(`up{job=~"${JOB_BACKEND}|${JOB_AI_CORE}", instance=~"$instance"}`, '{{job}} {{instance}}')],
      baseColor: 'red',
      thresholds: [{ value: 1, color: 'green' }],
    },
    {
      kind: 'timeseries',
      title: 'CPU',
      unit: 'percentunit',
      description: 'How much of one core does each process use (user + system)?',
      queries: [prom(`rate(process_cpu_seconds_total{${S}}[${RATE}])`, byInstance)],
    },
    {
      kind: 'timeseries',
      title: 'V8 heap used',
      unit: 'bytes',
      description: `Is the heap growing towards its ${T.heapBudgetBytes / 1024 / 1024} MiB budget? MemoryLeakSuspected fires when the 1-hour trend reaches it within 4 hours.`,
      queries: [prom(`${PROM_CLIENT_HEAP_USED}{${S}}`, byInstance)],
      thresholds: [{ value: T.heapBudgetBytes, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Resident memory',
      unit: 'bytes',
      description:
        'How much memory does each process hold (heap, buffers, native code)? Compare with the container limit.',
      queries: [prom(`process_resident_memory_bytes{${S}}`, byInstance)],
    },
    {
      kind: 'timeseries',
      title: 'Event loop utilisation',
      unit: 'percentunit',
      min: 0,
      max: 1,
      description: 'How busy is the event loop? Near 1 the process cannot take more work and latency climbs.',
      queries: [prom(`${METRIC_EVENT_LOOP_UTILIZATION}{${S}}`, byInstance)],
    },
    {
      kind: 'timeseries',
      title: 'Event loop lag p99',
      unit: 's',
      description:
        'How long does a ready callback wait for the loop (the delay every request sees on top of its own work)?',
      queries: [prom(`nodejs_eventloop_lag_p99_seconds{${S}}`, byInstance)],
    },
    {
      kind: 'timeseries',
      title: 'Time in garbage collection',
      unit: 'percentunit',
      description: 'What share of wall time goes to GC pauses, by kind (minor, major, incremental)?',
      queries: [
        prom(
          `sum by (service, instance, kind) (rate(nodejs_gc_duration_seconds_sum{${S}}[${RATE}]))`,
          '{{service}} {{instance}} {{kind}}',
        ),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Open file descriptors',
      unit: 'short',
      description: 'Are sockets or files leaking towards the descriptor limit (process_max_fds)?',
      queries: [
        prom(`process_open_fds{${S}}`, 'open {{service}} {{instance}}'),
        prom(`process_max_fds{${S}}`, 'limit {{service}} {{instance}}'),
      ],
    },
  ],
};
