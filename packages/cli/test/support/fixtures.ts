/** Small CSVs whose audits are known in advance. */

/** Rows of `group,label,pred` with `positives` predicted positives out of `n` per group. */
function groupRows(group: string, n: number, predictedPositive: number, labelPositive: number): string[] {
  return Array.from({ length: n }, (_, i) => `${group},${i < labelPositive ? 1 : 0},${i < predictedPositive ? 1 : 0}`);
}

/** Equal selection and error rates in both groups: every verdict passes. */
export const FAIR_CSV =
  ['group,label,pred', ...groupRows('A', 200, 100, 100), ...groupRows('B', 200, 100, 100)].join('\n') + '\n';

/** Selection 80% vs 20% in 500-row groups: demographic parity fails, significantly. */
export const BIASED_CSV =
  ['group,label,pred', ...groupRows('A', 500, 400, 250), ...groupRows('B', 500, 100, 250)].join('\n') + '\n';

/** Selection 50% vs 35% in 40-row groups: breaches the thresholds but is not significant, so warn. */
export const WARN_CSV =
  ['group,label,pred', ...groupRows('A', 40, 20, 20), ...groupRows('B', 40, 14, 20)].join('\n') + '\n';
