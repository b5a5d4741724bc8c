/**
 * Confidence intervals from counts. `n` may be a Kish effective size (non-integer) with weights:
 * the formulas only need a proportion and a sample size. Every interval contains its estimate,
 * including at x = 0 and x = n (rounding can otherwise leave a bound a hair on the wrong side).
 */
import type { Interval } from '../result-types.ts';
import { betaQuantile } from './beta.ts';
import { normalQuantile } from './normal.ts';

export const INTERVAL_METHODS: readonly IntervalMethod[] = ['wilson', 'clopper-pearson', 'jeffreys'];
export type { IntervalMethod } from '../config-types.ts';
import type { IntervalMethod } from '../config-types.ts';

/** A method at a two-sided level 1 − alpha, with its normal quantile z = Φ⁻¹(1 − alpha/2). */
export interface IntervalLevel {
  readonly method: IntervalMethod;
  readonly alpha: number;
  readonly z: number;
}

export function intervalLevel(method: IntervalMethod, alpha: number): IntervalLevel {
  return { method, alpha, z: normalQuantile(1 - alpha / 2) };
}

/** The interval of x successes out of n (n > 0) by the level's method. */
export function proportionInterval(x: number, n: number, level: IntervalLevel): Interval {
  if (level.method === 'clopper-pearson') return clopperPearson(x, n, level.alpha);
  if (level.method === 'jeffreys') return jeffreys(x, n, level.alpha);
  return wilson(x, n, level.z);
}

/** Wilson score interval for x successes out of n (n > 0). */
export function wilson(x: number, n: number, z: number): Interval {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return containing(p, x <= 0 ? 0 : centre - half, x >= n ? 1 : centre + half);
}

/** Clopper–Pearson ("exact"): beta quantiles Beta(α/2; x, n−x+1) and Beta(1−α/2; x+1, n−x). */
export function clopperPearson(x: number, n: number, alpha: number): Interval {
  const lower = x <= 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x >= n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return containing(x / n, lower, upper);
}

/**
 * Jeffreys: equal-tailed quantiles of the Beta(x+½, n−x+½) posterior, with lower 0 at x = 0 and
 * upper 1 at x = n (Brown, Cai & DasGupta 2001), so the estimate is always inside.
 */
export function jeffreys(x: number, n: number, alpha: number): Interval {
  const lower = x <= 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5);
  const upper = x >= n ? 1 : betaQuantile(1 - alpha / 2, x + 0.5, n - x + 0.5);
  return containing(x / n, lower, upper);
}

/**
 * Newcombe's hybrid score interval (method 10) for p1 − p2 from the two single-rate intervals
 * (with Clopper–Pearson or Jeffreys limits this is the same MOVER construction).
 */
export function newcombe(p1: number, w1: Interval, p2: number, w2: Interval): Interval {
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const upper = d + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return [Math.max(-1, Math.min(lower, d)), Math.min(1, Math.max(upper, d))];
}

/**
 * MOVER-R interval for p1 / p2 from the two single-rate intervals (Donner & Zou 2012): the roots
 * of θ² A − 2θ p1p2 + C = 0 where the MOVER limit of p1 − θ p2 is 0. Written in the stable form,
 * so u2 ≥ 2 p2 (small counts) needs no special case; the upper limit is ∞ when l2 = 0.
 */
export function moverRatio(p1: number, w1: Interval, p2: number, w2: Interval): Interval {
  const b = p1 * p2;
  const cLow = w1[0] * (2 * p1 - w1[0]),
    aLow = w2[1] * (2 * p2 - w2[1]);
  const lower = p1 <= 0 ? 0 : cLow / (b + Math.sqrt(Math.max(0, b * b - aLow * cLow)));
  const aUp = w2[0] * (2 * p2 - w2[0]),
    cUp = w1[1] * (2 * p1 - w1[1]);
  const upper = aUp <= 0 ? Infinity : (b + Math.sqrt(Math.max(0, b * b - aUp * cUp))) / aUp;
  if (!(p2 > 0)) return [lower, upper];
  const ratio = p1 / p2;
  return [Math.min(lower, ratio), Math.max(upper, ratio)];
}

/**
 * Katz log interval for (x1/n1)/(x2/n2). When a cell of the 2×2 table is empty (x = 0 or x = n
 * in either group), 0.5 is added to every cell (Haldane–Anscombe: x + 0.5 of n + 1), so the
 * interval exists and has width even when both rates are 0 or both are 1; the point estimate
 * itself is not corrected, and the interval is widened to contain it (down to 0 when x1 = 0).
 * Returns null when n1 or n2 is 0; a zero reference rate (x2 = 0) is reported as
 * division_by_zero by the callers, which use this interval only for simultaneous bounds.
 */
export function katzRatio(x1: number, n1: number, x2: number, n2: number, z: number): Interval | null {
  if (n1 <= 0 || n2 <= 0) return null;
  let a = x1,
    b = x2,
    m1 = n1,
    m2 = n2;
  if (a <= 0 || b <= 0 || a >= m1 || b >= m2) {
    a += 0.5;
    b += 0.5;
    m1 += 1;
    m2 += 1;
  }
  const logRatio = Math.log(a / m1 / (b / m2));
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / m1 + 1 / b - 1 / m2));
  const lower = x1 <= 0 ? 0 : Math.exp(logRatio - z * se);
  const upper = Math.exp(logRatio + z * se);
  if (!(x2 > 0)) return [lower, upper];
  const ratio = x1 / n1 / (x2 / n2);
  return [Math.min(lower, ratio), Math.max(upper, ratio)];
}

/** [lower, upper] clamped to [0, 1] and stretched to contain the estimate p. */
function containing(p: number, lower: number, upper: number): Interval {
  return [Math.max(0, Math.min(lower, p)), Math.min(1, Math.max(upper, p))];
}
