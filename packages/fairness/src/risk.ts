/**
 * The risk class, a deterministic rule over the verdicts (the same four levels everywhere):
 *   critical  a fail whose excess is at least 2 (a difference ≥ 2× its threshold, or a ratio whose
 *             shortfall from 1 is ≥ 2× the allowed shortfall 1 − τ), or fails on ≥ 3 distinct metrics
 *   high      any other fail
 *   medium    no fail, at least one warn
 *   low       every verdict passes (or there are no verdicts)
 */
import type { RiskAssessment, Verdict } from './result-types.ts';

export function excess(v: Verdict): number | null {
  if (v.value === null) return null;
  if (v.metric === 'disparate_impact') {
    const shortfall = v.value < 1 ? 1 - v.value : 1 - 1 / v.value;
    return v.threshold < 1 ? shortfall / (1 - v.threshold) : null;
  }
  return v.threshold > 0 ? v.value / v.threshold : Infinity;
}

export function riskClass(verdicts: readonly Verdict[]): RiskAssessment {
  const fails = verdicts.filter((v) => v.status === 'fail');
  const warns = verdicts.filter((v) => v.status === 'warn');
  const describe = (v: Verdict) => `${v.status}: ${v.metric} on ${v.attribute} (${v.groups.join(' vs ')}): ${v.reason}`;
  if (fails.length > 0) {
    const severe = fails.filter((v) => (excess(v) ?? 0) >= 2);
    const metrics = new Set(fails.map((v) => v.metric));
    const reasons = fails.map(describe);
    if (severe.length > 0 || metrics.size >= 3) {
      if (severe.length > 0)
        reasons.unshift(`critical: ${severe.length} failing verdict(s) at least twice beyond the threshold`);
      if (metrics.size >= 3) reasons.unshift(`critical: failing verdicts on ${metrics.size} distinct metrics`);
      return { level: 'critical', reasons };
    }
    return { level: 'high', reasons };
  }
  if (warns.length > 0) return { level: 'medium', reasons: warns.map(describe) };
  return { level: 'low', reasons: [verdicts.length ? 'every verdict passes' : 'no policy thresholds were set'] };
}
