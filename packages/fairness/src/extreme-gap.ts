/**
 * Attribute-level intervals for the extreme gap of a rate across K groups: max − min and
 * min / max. The extremes are picked after seeing the data, so an interval for the observed
 * pair alone undercovers (and ever more so as K grows). Instead every one of the M = K(K−1)/2
 * pairwise intervals is built at the Šidák-adjusted level 1 − α', α' = 1 − (1 − α)^(1/M); they
 * then hold jointly with probability ≥ 1 − α (Šidák's inequality for two-sided intervals of
 * jointly normal statistics), and on that event
 *   max_ij L_ij ≤ max − min ≤ max_ij U_ij   and   min_ij L_ij ≤ min / max ≤ min_ij U_ij,
 * which are the intervals reported (differences clipped to [0, 1], ratios to [0, 1]). Pairwise
 * differences use Newcombe's construction and ratios MOVER-R (Donner & Zou 2012), both from the
 * groups' single-rate intervals, so they inherit the method's behaviour near 0 and 1 (Katz's log
 * interval undercovers there: with few failures its delta-method variance is too small).
 * Several rates can share one family (equalized odds: TPR and FPR), with M summed over them.
 *
 * Above PAIRWISE_LIMIT groups the pairwise bounds (K² work) give way to the groups' own intervals
 * at the same level α′: all K of them hold jointly with probability ≥ (1 − α′)^K ≥ 1 − α (K ≤ M),
 * and then max l − min u ≤ max − min ≤ max u − min l and min l / max u ≤ min / max ≤ min u / max l.
 * Valid, somewhat wider, and linear in K.
 */
import type { Interval } from './result-types.ts';
import type { EffectiveRate } from './rates.ts';
import { intervalLevel, moverRatio, proportionInterval, type IntervalLevel } from './stats/intervals.ts';

export interface ExtremeGapIntervals {
  difference: Interval;
  ratio: Interval;
}

export const PAIRWISE_LIMIT = 200;

/** α' = 1 − (1 − α)^(1/M), computed without cancellation for small α / large M. */
export function sidakAlpha(alpha: number, comparisons: number): number {
  return comparisons <= 1 ? alpha : -Math.expm1(Math.log1p(-alpha) / comparisons);
}

function pairsOf(k: number): number {
  return (k * (k - 1)) / 2;
}

/** Bounds from one rate's groups at an already adjusted level. */
function boundsOf(rates: readonly EffectiveRate[], level: IntervalLevel): ExtremeGapIntervals {
  const limits = rates.map((r) => proportionInterval(r.x, r.n, level));
  if (rates.length > PAIRWISE_LIMIT) return groupwiseBounds(limits);
  let dLo = 0,
    dHi = 0,
    rLo = Infinity,
    rHi = Infinity;
  for (let i = 0; i < rates.length; i++) {
    const a = rates[i],
      la = limits[i];
    for (let j = 0; j < rates.length; j++) {
      if (i === j) continue;
      const b = rates[j],
        lb = limits[j];
      const d = a.p - b.p;
      dLo = Math.max(dLo, d - Math.sqrt((a.p - la[0]) ** 2 + (lb[1] - b.p) ** 2));
      dHi = Math.max(dHi, d + Math.sqrt((la[1] - a.p) ** 2 + (b.p - lb[0]) ** 2));
      const r = moverRatio(a.p, la, b.p, lb);
      rLo = Math.min(rLo, r[0]);
      rHi = Math.min(rHi, r[1]);
    }
  }
  return { difference: [dLo, Math.min(1, dHi)], ratio: [Math.max(0, Math.min(1, rLo)), Math.min(1, rHi)] };
}

/** The linear bounds from the groups' own intervals (see the file comment). */
function groupwiseBounds(limits: readonly Interval[]): ExtremeGapIntervals {
  let maxL = 0,
    minL = 1,
    maxU = 0,
    minU = 1;
  for (const [l, u] of limits) {
    maxL = Math.max(maxL, l);
    minL = Math.min(minL, l);
    maxU = Math.max(maxU, u);
    minU = Math.min(minU, u);
  }
  return {
    difference: [Math.max(0, maxL - minU), Math.min(1, maxU - minL)],
    ratio: [maxU > 0 ? minL / maxU : 0, maxL > 0 ? Math.min(1, minU / maxL) : 1],
  };
}

/**
 * Simultaneous bounds of the largest max − min and the smallest min / max over the given rates'
 * group sets (one set per rate; each needs ≥ 2 groups). `level` is the unadjusted level.
 */
export function extremeGapIntervals(
  sets: readonly (readonly EffectiveRate[])[],
  level: IntervalLevel,
): ExtremeGapIntervals {
  const comparisons = sets.reduce((m, s) => m + pairsOf(s.length), 0);
  const adjusted = intervalLevel(level.method, sidakAlpha(level.alpha, comparisons));
  const out: ExtremeGapIntervals = { difference: [0, 0], ratio: [Infinity, Infinity] };
  for (const s of sets) {
    const b = boundsOf(s, adjusted);
    out.difference = [Math.max(out.difference[0], b.difference[0]), Math.max(out.difference[1], b.difference[1])];
    out.ratio = [Math.min(out.ratio[0], b.ratio[0]), Math.min(out.ratio[1], b.ratio[1])];
  }
  return out;
}
