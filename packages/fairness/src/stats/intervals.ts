/**
 * Confidence intervals from counts. `n` may be a Kish effective size (non-integer) with weights:
 * the formulas only need a proportion and a sample size.
 */
import type { Interval } from '../result-types.ts';

/** Wilson score interval for x successes out of n (n > 0). Well behaved at x = 0 and x = n. */
export function wilson(x: number, n: number, z: number): Interval {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [clamp01(centre - half), clamp01(centre + half)];
}

/**
 * Newcombe's hybrid score interval (method 10) for p1 − p2 from the two Wilson intervals.
 */
export function newcombe(p1: number, w1: Interval, p2: number, w2: Interval): Interval {
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const upper = d + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/**
 * Katz log interval for (x1/n1)/(x2/n2). When either numerator count is 0, 0.5 is added to both
 * numerators and both denominators (Haldane–Anscombe) so the interval exists; the point estimate
 * itself is not corrected. Returns null when the ratio is undefined (x2 = 0 means a zero
 * reference rate, reported as division_by_zero by the caller).
 */
export function katzRatio(x1: number, n1: number, x2: number, n2: number, z: number): Interval | null {
  if (n1 <= 0 || n2 <= 0) return null;
  let a = x1, b = x2, m1 = n1, m2 = n2;
  if (a === 0 || b === 0) { a += 0.5; b += 0.5; m1 += 0.5; m2 += 0.5; }
  const logRatio = Math.log((a / m1) / (b / m2));
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / m1 + 1 / b - 1 / m2));
  return [Math.exp(logRatio - z * se), Math.exp(logRatio + z * se)];
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
