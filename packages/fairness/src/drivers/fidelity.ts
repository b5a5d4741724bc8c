/**
 * How faithfully the surrogate reproduces the model's decisions, over every included row (not
 * only the fit sample): agreement of the thresholded probability, and the AUC of the probability.
 */

/** Share of rows where (eta >= 0, i.e. probability >= 0.5) equals the decision. */
export function agreement(eta: Float64Array, decisions: Uint8Array): number {
  let agree = 0;
  for (let i = 0; i < eta.length; i++) agree += (eta[i] >= 0 ? 1 : 0) === decisions[i] ? 1 : 0;
  return eta.length === 0 ? 0 : agree / eta.length;
}

/**
 * AUC = P(score of a positive > score of a negative) + 1/2 P(tie), exactly. The scores of each
 * class are sorted separately and merged once: two typed-array sorts instead of a rank sort of
 * (score, label) pairs, which would need an index array and a comparator call per comparison.
 * Returns null when one class is empty.
 */
export function auc(eta: Float64Array, decisions: Uint8Array): number | null {
  let nPos = 0;
  for (let i = 0; i < decisions.length; i++) nPos += decisions[i];
  const nNeg = decisions.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < eta.length; i++) {
    if (decisions[i]) pos[a++] = eta[i];
    else neg[b++] = eta[i];
  }
  pos.sort();
  neg.sort();
  // For each positive: negatives strictly below count 1, equal ones count 1/2.
  let wins = 0;
  let below = 0;
  let upTo = 0;
  for (let i = 0; i < nPos; i++) {
    const s = pos[i];
    while (below < nNeg && neg[below] < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < nNeg && neg[upTo] <= s) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / nPos / nNeg;
}

/** Agreement of always predicting the more frequent decision. */
export function majorityAgreement(decisions: Uint8Array): number {
  let pos = 0;
  for (let i = 0; i < decisions.length; i++) pos += decisions[i];
  return decisions.length === 0 ? 0 : Math.max(pos, decisions.length - pos) / decisions.length;
}
