import { burnPairs, errorBudget, sliWindows, tidy, type BurnPair } from './burn-rate.ts';
import { PRODUCTION_TIME, type TimeScale } from './durations.ts';
import { alertRule, eq, selector, type AlertingRule, type RecordingRule, type RuleGroup } from './rule-model.ts';
import { BUDGET_RECORD, BURN_ALERT, errorRatioRecord, eventsRecord, OBJECTIVE_RECORD } from './records.ts';
import { sliOf } from './sli.ts';
import { highErrorRate, highLatency } from './threshold-alerts.ts';
import { SLO_PERIOD, SLOS, type Severity, type SloSpec } from './spec.ts';

const sloLabels = (slo: SloSpec) => ({ service: slo.service.service, slo: slo.slo });
const sloMatchers = (slo: SloSpec) => [eq('service', slo.service.service), eq('slo', slo.slo)];
const pct = (x: number) => `${tidy(x * 100)} %`;

function pairCondition(slo: SloSpec, pair: BurnPair): string {
  const m = sloMatchers(slo);
  return [
    `${selector(errorRatioRecord(pair.short), m)} > ${pair.threshold}`,
    `and ${selector(errorRatioRecord(pair.long), m)} > ${pair.threshold}`,
    `and ${selector(eventsRecord(pair.long), m)} >= ${pair.minEvents}`,
  ].join('\n');
}

function burnAlert(slo: SloSpec, severity: Severity): AlertingRule {
  const pairs = burnPairs(slo).filter((p) => p.severity === severity);
  const expr = pairs.map((p) => `(\n${pairCondition(slo, p).replace(/^/gm, '  ')}\n)`).join('\nor\n');
  const how = pairs
    .map(
      (p) =>
        `${p.long} and ${p.short} above ${pct(p.threshold)} (${p.factor}x burn, ${pct(p.budgetShare)} of the budget gone; at least ${p.minEvents} events in ${p.long})`,
    )
    .join(', or ');
  const target = `${slo.service.service} ${slo.slo} SLO (${pct(slo.objective)} over ${SLO_PERIOD})`;
  return alertRule(
    BURN_ALERT,
    expr,
    { severity, team: slo.team, labels: sloLabels(slo) },
    {
      summary: `${target}: error budget burning ${severity === 'critical' ? 'fast' : 'steadily'}`,
      description: `${slo.description}. The bad-event ratio is ${how}. A single bad event never fires this.`,
      value: '{{ $value | humanizePercentage }} bad events in the short window',
    },
  );
}

function sloRecords(slo: SloSpec, time: TimeScale): RecordingRule[] {
  const sli = sliOf(slo);
  const labels = sloLabels(slo);
  const rules: RecordingRule[] = [];
  for (const window of sliWindows()) {
    rules.push({ record: errorRatioRecord(window), expr: sli.errorRatio(time.d(window)), labels });
    rules.push({ record: eventsRecord(window), expr: sli.events(time.d(window)), labels });
  }
  rules.push({ record: OBJECTIVE_RECORD, expr: `vector(${slo.objective})`, labels });
  rules.push({ record: BUDGET_RECORD, expr: `vector(${errorBudget(slo)})`, labels });
  return rules;
}

function thresholdAlerts(slo: SloSpec, time: TimeScale): AlertingRule[] {
  if (slo.slo === 'availability') return [highErrorRate(slo.service, time)];
  if (slo.slo === 'latency') return [highLatency(slo.service, time)];
  return [];
}

/**
 * One group per SLO: its records, then the alerts that read them. Rules of a group run in order
 * in one evaluation, so an alert sees this evaluation's ratios, not the previous one's (separate
 * groups run concurrently, which would add up to one evaluation interval to the time to detect).
 */
export function sloGroup(slo: SloSpec, time: TimeScale = PRODUCTION_TIME): RuleGroup {
  return {
    name: `slo-${slo.service.job}-${slo.slo}`,
    rules: [
      ...sloRecords(slo, time),
      burnAlert(slo, 'critical'),
      burnAlert(slo, 'warning'),
      ...thresholdAlerts(slo, time),
    ],
  };
}

export function sloGroups(time: TimeScale = PRODUCTION_TIME): RuleGroup[] {
  return SLOS.map((slo) => sloGroup(slo, time));
}
