/**
 * Association between a feature and a sensitive attribute from their contingency table:
 * Cramér's V (plain and bias-corrected) and normalised mutual information.
 *
 * Cramér's V: the bias-corrected form (Bergsma 2013, "A bias-correction for Cramér's V and
 * Tschuprow's T") is the one used to call a feature a proxy: plain V is inflated by sampling
 * noise in proportion to the table's size, so a 10-bin numeric feature against a 6-level
 * attribute on a few hundred rows shows V ~ 0.15 with no association at all, while the corrected
 * value stays near 0.
 *   phi2 = chi2 / n;  phi2c = max(0, phi2 - (k-1)(r-1)/(n-1))
 *   rc = r - (r-1)^2/(n-1);  kc = k - (k-1)^2/(n-1);  Vc = sqrt(phi2c / min(kc-1, rc-1))
 * r and k count non-empty rows and columns only.
 *
 * NMI = I(X;Y) / ((H(X) + H(Y)) / 2): the arithmetic-mean normalisation (scikit-learn's default
 * for normalized_mutual_info_score, so values can be checked against it), in [0, 1]. It is not
 * bias-corrected: it is reported alongside, the flag uses V.
 *
 * Both are undefined (null) with fewer than two observed levels on either side.
 */
import type { Contingency } from './contingency.ts';
function chiSquare(t: Contingency): number {
  // chi2 = n (sum O^2 / (row * col) - 1): one pass, no expected-count table.
  let s = 0;
  for (let a = 0; a < t.rows; a++) {
    const ra = t.rowTotals[a];
    if (ra === 0) continue;
    for (let b = 0; b < t.cols; b++) {
      const o = t.counts[a * t.cols + b];
      if (o > 0) s += (o * o) / (ra * t.colTotals[b]);
    }
  }
  return Math.max(0, t.n * (s - 1));
}

export function cramersV(t: Contingency): { plain: number; corrected: number } | null {
  const r = t.nonEmptyRows;
  const k = t.nonEmptyCols;
  const n = t.n;
  if (r < 2 || k < 2 || n < 2) return null;
  const phi2 = chiSquare(t) / n;
  const plain = Math.min(1, Math.sqrt(phi2 / Math.min(k - 1, r - 1)));
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - ((r - 1) * (r - 1)) / (n - 1);
  const kc = k - ((k - 1) * (k - 1)) / (n - 1);
  const denom = Math.min(kc - 1, rc - 1);
  const corrected = denom > 0 ? Math.min(1, Math.sqrt(phi2c / denom)) : 0;
  return { plain, corrected };
}

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
