/**
 * Which group other groups are compared against (DESIGN §5): the user's choice when given; else the
 * largest group; or, with the best-off strategy, per metric the eligible group with the most
 * favourable value (highest for selection rate, TPR, TNR, PPV, NPV, accuracy; lowest for error
 * rates). Disparate impact and four-fifths always use the highest-selection-rate eligible group.
 */
import type { GroupReport, RateName, ReferenceChoice } from './result-types.ts';
import { FairnessError } from './errors.ts';
import { extremes } from './spreads.ts';

const LOWER_IS_BETTER = new Set<RateName>(['fpr', 'fnr', 'fdr', 'for']);

export interface ReferencePlan {
  choice: ReferenceChoice;
  forMetric(metric: RateName): GroupReport | null;
}

export function planReference(
  name: string,
  groups: readonly GroupReport[],
  userValue: string | undefined,
  strategy: 'largest' | 'best-off',
): ReferencePlan {
  if (userValue !== undefined) {
    const g = groups.find((x) => x.key === userValue);
    if (!g) {
      throw new FairnessError(
        'FAIR_ERR_INVALID_CONFIG',
        `config.reference.${name}: group "${userValue}" does not occur in ${name} (groups: ${groups.map((x) => x.key).join(', ')})`,
        { field: `reference.${name}`, value: userValue },
      );
    }
    return { choice: { group: g.key, strategy: 'user' }, forMetric: () => g };
  }
  if (strategy === 'best-off') {
    return { choice: { group: null, strategy: 'best-off' }, forMetric: (m) => bestOff(groups, m) };
  }
  const largest = largestGroup(groups);
  return { choice: { group: largest?.key ?? null, strategy: 'largest' }, forMetric: () => largest };
}

/** Largest by total weight; ties go to the first group in order. */
export function largestGroup(groups: readonly GroupReport[]): GroupReport | null {
  let best: GroupReport | null = null;
  for (const g of groups) if (!best || g.n > best.n) best = g;
  return best;
}

export function bestOff(groups: readonly GroupReport[], metric: RateName): GroupReport | null {
  const ext = extremes(groups, metric);
  if (!ext) return null;
  return LOWER_IS_BETTER.has(metric) ? ext.min : ext.max;
}

/** EEOC reference: the eligible group with the highest selection rate (ties: the smallest key, as in extremes). */
export function highestSelection(groups: readonly GroupReport[]): GroupReport | null {
  return extremes(groups, 'selection_rate')?.max ?? null;
}
