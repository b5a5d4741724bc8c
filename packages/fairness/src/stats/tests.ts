/**
 * Hypothesis tests comparing two proportions, and Holm's step-down correction.
 * Counts may be effective (weighted) sizes; Fisher's exact test rounds them to integers.
 */
import { logChoose, twoSidedNormalP } from './normal.ts';

export interface TwoByTwoResult {
  method: 'two_proportion_z' | 'fisher_exact';
  statistic: number | null;
  pValue: number;
}

/** Pooled two-proportion z test, or Fisher's exact test when any expected cell is below 5. */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): TwoByTwoResult {
  const pooled = (x1 + x2) / (n1 + n2);
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  if (expected.some((e) => e < 5)) {
    return {
      method: 'fisher_exact',
      statistic: null,
      pValue: fisherExact(Math.round(x1), Math.round(n1), Math.round(x2), Math.round(n2)),
    };
  }
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (x1 / n1 - x2 / n2) / se;
  return { method: 'two_proportion_z', statistic: z, pValue: twoSidedNormalP(z) };
}

/**
 * Two-sided Fisher exact test for the table [[x1, n1−x1], [x2, n2−x2]]: the probability of all
 * tables with the same margins that are no more likely than the observed one (R's convention,
 * relative tolerance 1e-7).
 */
export function fisherExact(x1: number, n1: number, x2: number, n2: number): number {
  const k = x1 + x2;
  const total = n1 + n2;
  if (total === 0) return 1;
  const lo = Math.max(0, k - n2);
  const hi = Math.min(k, n1);
  const logDenom = logChoose(total, k);
  const logP = (x: number) => logChoose(n1, x) + logChoose(n2, k - x) - logDenom;
  const observed = logP(x1);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Holm–Bonferroni adjusted p-values, in the input order. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const [p, i] = order[rank];
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  }
  return adjusted;
}
