/**
 * Alerts on what the backend reports about its work and its dependencies (analysis backlog,
 * live fairness, ai-core and the database, trace export) and on the alerting pipeline itself.
 */
import {
  JOB_BACKEND,
  LABEL_BREACH,
  LABEL_DEPENDENCY,
  LABEL_STATE,
  LABEL_VERDICT,
  METRIC_ANALYSIS_JOBS_OLDEST_AGE,
  METRIC_DEPENDENCY_CIRCUIT_STATE,
  METRIC_DEPENDENCY_UP,
  METRIC_MODEL_DISPARITY,
  METRIC_MODEL_DISPARITY_THRESHOLD,
  METRIC_MODEL_FAIRNESS_VERDICT,
  METRIC_TELEMETRY_EXPORT_FAILURES,
  SERVICE_BACKEND,
} from '@ethixai/observability/names';
import { PRODUCTION_TIME, type TimeScale } from './durations.ts';
import { ALERTMANAGER_NOTIFICATIONS_FAILED, PROMETHEUS_RULE_EVALUATION_FAILURES } from './external-metrics.ts';
import { alertRule, eq, selector, type AlertingRule, type RuleGroup } from './rule-model.ts';
import { DEPENDENCIES, THRESHOLDS, type DependencySpec } from './spec.ts';

function analysisBacklog(time: TimeScale): AlertingRule {
  const { oldestAgeSeconds } = THRESHOLDS.analysisBacklog;
  // Every backend replica reports the one shared queue: max, never sum.
  return alertRule(
    'AnalysisBacklog',
    `max(${selector(METRIC_ANALYSIS_JOBS_OLDEST_AGE, [eq('job', JOB_BACKEND)])}) > ${oldestAgeSeconds}`,
    {
      for: time.d(THRESHOLDS.analysisBacklog.for),
      severity: 'warning',
      team: 'analysis',
      labels: { service: SERVICE_BACKEND },
    },
    {
      summary: 'Analysis jobs wait too long in the queue',
      description: `The oldest queued analysis job has waited more than ${oldestAgeSeconds} s, continuously for ${THRESHOLDS.analysisBacklog.for}: the workers do not keep up (a burst that drains does not fire this).`,
      value: 'oldest job queued for {{ $value | humanizeDuration }}',
    },
  );
}

function fairnessBreach(time: TimeScale): AlertingRule {
  const by = 'by (model, metric)';
  const value = `max ${by} (${METRIC_MODEL_DISPARITY})`;
  const low = `min ${by} (${METRIC_MODEL_DISPARITY})`;
  const limit = (side: string) => `max ${by} (${selector(METRIC_MODEL_DISPARITY_THRESHOLD, [eq(LABEL_BREACH, side)])})`;
  const failing = `max ${by} (${selector(METRIC_MODEL_FAIRNESS_VERDICT, [eq(LABEL_VERDICT, 'fail')])}) == 1`;
  // A difference breaches above its threshold, a ratio (disparate impact) below: the exported
  // `breach` label says which, so the rule needs no list of metric names.
  const expr = `(\n  ${value} > on (model, metric) ${limit('above')}\n  or\n  ${low} < on (model, metric) ${limit('below')}\n)\nand on (model, metric) ${failing}`;
  return alertRule(
    'ModelFairnessBreach',
    expr,
    { for: time.d(THRESHOLDS.fairnessBreach.for), severity: 'warning', team: 'governance' },
    {
      summary: 'Model {{ $labels.model }} breaches its fairness policy on {{ $labels.metric }}',
      description: `The live window of model {{ $labels.model }} has {{ $labels.metric }} beyond the policy threshold, with a significant (fail) verdict, for ${THRESHOLDS.fairnessBreach.for}. Decisions of the losing groups are flagged by the risk rules meanwhile.`,
      value: '{{ $labels.metric }} = {{ $value | printf "%.3f" }}',
    },
  );
}

function dependencyDown(d: DependencySpec, time: TimeScale): AlertingRule {
  const labels: Record<string, string> = d.service === undefined ? {} : { service: d.service };
  return alertRule(
    'DependencyDown',
    `max by (${LABEL_DEPENDENCY}) (${selector(METRIC_DEPENDENCY_UP, [eq(LABEL_DEPENDENCY, d.dependency)])}) == 0`,
    {
      for: time.d(THRESHOLDS.dependencyDown.for),
      severity: 'critical',
      team: d.team,
      labels,
    },
    {
      summary: `No backend instance reaches ${d.dependency}`,
      description: `Every backend instance has reported ${d.dependency} unreachable for ${THRESHOLDS.dependencyDown.for}.${d.dependency === 'ai_core' ? ' Analyses answer 503 with Retry-After; reports, auth and evaluations keep working.' : ''}`,
      value: '{{ $value }} backend instances reach it',
    },
  );
}

function circuitNotClosed(d: DependencySpec, time: TimeScale): AlertingRule {
  const labels: Record<string, string> = d.service === undefined ? {} : { service: d.service };
  const closed = selector(METRIC_DEPENDENCY_CIRCUIT_STATE, [
    eq(LABEL_DEPENDENCY, d.dependency),
    eq(LABEL_STATE, 'closed'),
  ]);
  // min: one replica whose circuit is open or half-open already fails its callers fast.
  return alertRule(
    'CircuitOpen',
    `min by (${LABEL_DEPENDENCY}) (${closed}) == 0`,
    {
      for: time.d(THRESHOLDS.circuitNotClosed.for),
      severity: 'warning',
      team: d.team,
      labels,
    },
    {
      summary: `The backend's circuit to ${d.dependency} is open`,
      description: `A backend instance has had its circuit breaker to ${d.dependency} open or half-open for ${THRESHOLDS.circuitNotClosed.for}: calls fail fast without reaching ${d.dependency}.`,
      value: 'closed = {{ $value }}',
    },
  );
}

function tracesLost(time: TimeScale): AlertingRule {
  const { window } = THRESHOLDS.tracesLost;
  return alertRule(
    'TracesLost',
    `sum by (job, service) (increase(${METRIC_TELEMETRY_EXPORT_FAILURES}[${time.d(window)}])) > 0`,
    {
      for: time.d(THRESHOLDS.tracesLost.for),
      severity: 'warning',
      team: 'platform',
    },
    {
      summary: '{{ $labels.service }} cannot export its traces',
      description: `The OTLP exporter of {{ $labels.service }} has failed to deliver span batches in every ${window} for ${THRESHOLDS.tracesLost.for}: traces are being lost. Requests are not affected.`,
      value: '{{ $value | humanize }} failed batches in ' + window,
    },
  );
}

function pipeline(time: TimeScale): AlertingRule[] {
  const { window } = THRESHOLDS.pipeline;
  return [
    alertRule(
      'AlertRulesFailing',
      `sum by (rule_group) (increase(${PROMETHEUS_RULE_EVALUATION_FAILURES}[${time.d(window)}])) > 0`,
      {
        for: time.d(THRESHOLDS.pipeline.for),
        severity: 'warning',
        team: 'platform',
      },
      {
        summary: 'Prometheus fails to evaluate rule group {{ $labels.rule_group }}',
        description: `Evaluations of a rule group have failed in every ${window} for ${THRESHOLDS.pipeline.for}: its alerts cannot fire.`,
        value: '{{ $value | humanize }} failed evaluations in ' + window,
      },
    ),
    alertRule(
      'AlertNotificationsFailing',
      `sum by (integration) (increase(${ALERTMANAGER_NOTIFICATIONS_FAILED}[${time.d(window)}])) > 0`,
      {
        for: time.d(THRESHOLDS.pipeline.for),
        severity: 'critical',
        team: 'platform',
      },
      {
        summary: 'Alertmanager cannot deliver {{ $labels.integration }} notifications',
        description: `Alertmanager's ${'{{ $labels.integration }}'} notifications have failed in every ${window} for ${THRESHOLDS.pipeline.for}: people are not being told about alerts.`,
        value: '{{ $value | humanize }} failed notifications in ' + window,
      },
    ),
  ];
}

export function platformAlertGroups(time: TimeScale = PRODUCTION_TIME): RuleGroup[] {
  return [
    { name: 'ethixai-analysis', rules: [analysisBacklog(time)] },
    { name: 'ethixai-fairness', rules: [fairnessBreach(time)] },
    {
      name: 'ethixai-dependencies',
      rules: [
        ...DEPENDENCIES.flatMap((d) =>
          d.circuit ? [dependencyDown(d, time), circuitNotClosed(d, time)] : [dependencyDown(d, time)],
        ),
        tracesLost(time),
      ],
    },
    { name: 'ethixai-alerting-pipeline', rules: pipeline(time) },
  ];
}
