/**
 * Generalized entropy index over individual "benefits" b = ŷ − y + 1 (Speicher et al. 2018, as in
 * AIF360). b takes only the values 0 (FN), 1 (TP, TN) and 2 (FP), so the index is an exact
 * function of the (weighted) confusion counts: no rows needed.
 *   GE(α) = 1/(W α(α−1)) Σ w[(b/μ)^α − 1];  α = 1: Theil (1/W) Σ w (b/μ) ln(b/μ);  α = 0: −(1/W) Σ w ln(b/μ)
 */
import type { Scalar } from './result-types.ts';
import { FN, FP, TN, TP, type Tally } from './tally.ts';

/** GE(α) of a distribution given as (value, weight) pairs. */
export function geiOfMasses(masses: readonly (readonly [number, number])[], alpha: number): Scalar {
  let W = 0,
    S = 0;
  for (const [b, w] of masses) {
    W += w;
    S += w * b;
  }
  if (!(W > 0)) return { value: null, reason: 'empty_group' };
  const mu = S / W;
  if (!(mu > 0)) return { value: null, reason: 'zero_mean' };
  let acc = 0;
  for (const [b, w] of masses) {
    if (w === 0) continue;
    const r = b / mu;
    if (alpha === 1) acc += r > 0 ? w * r * Math.log(r) : 0;
    else if (alpha === 0) {
      if (r === 0) return { value: null, reason: 'alpha_undefined_with_zero_benefit' };
      acc -= w * Math.log(r);
    } else {
      if (r === 0 && alpha < 0) return { value: null, reason: 'alpha_undefined_with_zero_benefit' };
      acc += w * (r ** alpha - 1);
    }
  }
  const value = alpha === 0 || alpha === 1 ? acc / W : acc / (W * alpha * (alpha - 1));
  return { value: cleanZero(value), interval: null };
}

function benefitMasses(t: Tally): [number, number][] {
  return [
    [0, t.w[FN]],
    [1, t.w[TN] + t.w[TP]],
    [2, t.w[FP]],
  ];
}

export function gei(t: Tally, alpha: number): Scalar {
  return geiOfMasses(benefitMasses(t), alpha);
}

/** Between-group GE(α): every individual's benefit replaced by its group's mean benefit. */
export function betweenGroupGei(groups: readonly Tally[], alpha: number): Scalar {
  const masses: [number, number][] = [];
  for (const g of groups) {
    const W = g.w[0] + g.w[1] + g.w[2] + g.w[3];
    if (W > 0) masses.push([(g.w[TN] + g.w[TP] + 2 * g.w[FP]) / W, W]);
  }
  return geiOfMasses(masses, alpha);
}

/** Coefficient of variation of b: sqrt(2·GE(2)). */
export function coefficientOfVariation(t: Tally): Scalar {
  const g2 = gei(t, 2);
  return g2.value === null ? g2 : { value: Math.sqrt(2 * Math.max(0, g2.value)), interval: null };
}

/** Rounding can leave −1e-17 for a perfectly equal distribution; report it as 0. */
function cleanZero(v: number): number {
  return Math.abs(v) < 1e-15 ? 0 : v;
}
