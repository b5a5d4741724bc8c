/**
 * Normalised mutual information between two categorical variables:
 *   NMI = I(X;Y) / ((H(X) + H(Y)) / 2)
 * the arithmetic-mean normalisation (scikit-learn's default for normalized_mutual_info_score, so
 * values can be checked against it). In [0, 1]; 1 when each variable determines the other.
 * Unlike Cramér's V it is not bias-corrected: it is reported alongside, the flag uses V.
 * Undefined (null) when either variable has a single observed level (zero entropy).
 */
import type { Contingency } from './contingency.ts';

function entropy(totals: Float64Array, n: number): number {
  let h = 0;
  for (const c of totals) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export function normalisedMutualInformation(t: Contingency): number | null {
  const n = t.n;
  if (n === 0 || t.nonEmptyRows < 2 || t.nonEmptyCols < 2) return null;
  const hx = entropy(t.rowTotals, n);
  const hy = entropy(t.colTotals, n);
  let mi = 0;
  for (let a = 0; a < t.rows; a++) {
    for (let b = 0; b < t.cols; b++) {
      const o = t.counts[a * t.cols + b];
      if (o > 0) mi += (o / n) * Math.log((o * n) / (t.rowTotals[a] * t.colTotals[b]));
    }
  }
  return Math.min(1, Math.max(0, mi / ((hx + hy) / 2)));
}
