/**
 * Per-service alerts that need no SLO: the service or one instance down (read from Prometheus'
 * own `up`), and a heap that grows towards its budget.
 */
import { durationSeconds, PRODUCTION_TIME, type TimeScale } from './durations.ts';
import { alertRule, eq, selector, type AlertingRule, type RuleGroup } from './rule-model.ts';
import { SERVICES, THRESHOLDS, type ServiceSpec } from './spec.ts';
import { PROM_CLIENT_HEAP_USED, PROMETHEUS_UP } from './external-metrics.ts';

function serviceDown(s: ServiceSpec, time: TimeScale): AlertingRule {
  const up = selector(PROMETHEUS_UP, [eq('job', s.job)]);
  // absent(): a target that vanished from service discovery has no `up` series to be 0.
  return alertRule(
    'ServiceDown',
    `max by (job) (${up}) == 0\nor\nabsent(${up})`,
    {
      for: time.d(THRESHOLDS.serviceDown.for),
      severity: 'critical',
      team: s.team,
      labels: { service: s.service },
    },
    {
      summary: `${s.service} is down: no instance answers Prometheus' scrape`,
      description: `For ${THRESHOLDS.serviceDown.for}, every scraped instance of job ${s.job} has failed its scrapes, or service discovery has found no target for it at all.`,
      value: '{{ if eq $value 1.0 }}no scrape target{{ else }}no instance up{{ end }}',
    },
  );
}

function instanceDown(s: ServiceSpec, time: TimeScale): AlertingRule {
  return alertRule(
    'InstanceDown',
    `${selector(PROMETHEUS_UP, [eq('job', s.job)])} == 0`,
    {
      for: time.d(THRESHOLDS.instanceDown.for),
      severity: 'warning',
      team: s.team,
      labels: { service: s.service },
    },
    {
      summary: `${s.service} instance {{ $labels.instance }} is down`,
      description: `Prometheus has failed to scrape {{ $labels.instance }} (job ${s.job}) for ${THRESHOLDS.instanceDown.for}. Other replicas may still serve; ServiceDown pages when none does.`,
      value: 'up = {{ $value }}',
    },
  );
}

function memoryLeak(s: ServiceSpec, time: TimeScale): AlertingRule {
  const { window, horizon } = THRESHOLDS.memoryLeak;
  const heap = `${selector(PROM_CLIENT_HEAP_USED, [eq('job', s.job)])}[${time.d(window)}]`;
  // predict_linear/deriv fit a line to the gauge; rate() would read every GC drop as a counter reset.
  const expr = `predict_linear(${heap}, ${durationSeconds(time.d(horizon))}) > ${s.heapBudgetBytes}\nand deriv(${heap}) > 0`;
  return alertRule(
    'MemoryLeakSuspected',
    expr,
    { for: time.d(THRESHOLDS.memoryLeak.for), severity: 'warning', team: s.team, labels: { service: s.service } },
    {
      summary: `${s.service} {{ $labels.instance }}: heap grows towards its budget`,
      description: `The least-squares trend of the V8 heap in use over ${window} reaches the ${s.heapBudgetBytes / 1024 / 1024} MiB budget within ${horizon}, and has for ${THRESHOLDS.memoryLeak.for}. A GC sawtooth has a flat trend and does not fire this.`,
      value: '{{ $value | humanize1024 }}B projected in ' + horizon,
    },
  );
}

export function serviceAlertGroup(time: TimeScale = PRODUCTION_TIME): RuleGroup {
  return {
    name: 'ethixai-services',
    rules: SERVICES.flatMap((s) => [serviceDown(s, time), instanceDown(s, time), memoryLeak(s, time)]),
  };
}
