import { minEventsFor, tidy } from './burn-rate.ts';
import type { TimeScale } from './durations.ts';
import { errorRatioRecord, eventsRecord } from './records.ts';
import { alertRule, eq, selector, type AlertingRule } from './rule-model.ts';
import { THRESHOLDS, type ServiceSpec } from './spec.ts';

/**
 * The plan's threshold alerts, read from the SLO records of the same group: more than 1 % 5xx
 * for 5 minutes, and p95 above 100 ms (more than 5 % of requests slower than the 0.1 s bucket).
 */

const pct = (x: number) => `${tidy(x * 100)} %`;

export function highErrorRate(s: ServiceSpec, time: TimeScale): AlertingRule {
  const { ratio } = THRESHOLDS.highErrorRate;
  const m = [eq('service', s.service), eq('slo', 'availability')];
  return alertRule(
    'HighErrorRate',
    `${selector(errorRatioRecord('5m'), m)} > ${ratio}\nand ${selector(eventsRecord('5m'), m)} >= ${minEventsFor(ratio)}`,
    {
      for: time.d(THRESHOLDS.highErrorRate.for),
      severity: 'warning',
      team: s.team,
      labels: { service: s.service, slo: 'availability' },
    },
    {
      summary: `${s.service}: more than ${pct(ratio)} of requests answered 5xx`,
      description: `Over 5m, more than ${pct(ratio)} of ${s.service}'s requests failed with 5xx, for ${THRESHOLDS.highErrorRate.for} in a row (at least ${minEventsFor(ratio)} requests per 5m).`,
      value: '{{ $value | humanizePercentage }} of requests failed over 5m',
    },
  );
}

export function highLatency(s: ServiceSpec, time: TimeScale): AlertingRule {
  const { slowShare } = THRESHOLDS.highLatency;
  const m = [eq('service', s.service), eq('slo', 'latency')];
  return alertRule(
    'HighLatencyP95',
    `${selector(errorRatioRecord('5m'), m)} > ${slowShare}\nand ${selector(eventsRecord('5m'), m)} >= ${minEventsFor(slowShare)}`,
    {
      for: time.d(THRESHOLDS.highLatency.for),
      severity: 'warning',
      team: s.team,
      labels: { service: s.service, slo: 'latency' },
    },
    {
      summary: `${s.service}: p95 latency above 100 ms`,
      description: `More than ${pct(slowShare)} of ${s.service}'s API requests (analyses excepted) took longer than 100 ms over 5m, for ${THRESHOLDS.highLatency.for}: the 95th percentile is above 100 ms (read from the le="0.1" bucket, not interpolated).`,
      value: '{{ $value | humanizePercentage }} of requests slower than 100 ms',
    },
  );
}
