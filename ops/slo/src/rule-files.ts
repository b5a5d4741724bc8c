import { PRODUCTION_TIME, type TimeScale } from './durations.ts';
import { platformAlertGroups } from './platform-rules.ts';
import type { RuleFile } from './rule-model.ts';
import { serviceAlertGroup } from './service-rules.ts';
import { sloGroups } from './slo-rules.ts';

/** The rule files under ops/prometheus/rules/, by file name. */
export function ruleFiles(time: TimeScale = PRODUCTION_TIME): Record<string, RuleFile> {
  return {
    'slo.yml': { groups: sloGroups(time) },
    'alerts.yml': { groups: [serviceAlertGroup(time), ...platformAlertGroups(time)] },
  };
}
