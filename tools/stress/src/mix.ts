/**
 * Which endpoint request i goes to: smooth weighted round robin over the scenario's mix, so each
 * endpoint's share holds over any stretch of the run (a 5 % endpoint gets one request in twenty,
 * evenly spread, not in clumps) and the same scenario always sends the same sequence.
 */
export function weightedSequence(weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const current = weights.map(() => 0);
  const sequence: number[] = [];
  for (let n = 0; n < total; n += 1) {
    let best = 0;
    for (let k = 0; k < weights.length; k += 1) {
      current[k] += weights[k];
      if (current[k] > current[best]) best = k;
    }
    current[best] -= total;
    sequence.push(best);
  }
  return sequence;
}
