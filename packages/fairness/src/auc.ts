/**
 * AUC per group from one shared argsort of the score: walking the rows in score order, each group
 * keeps its running weight of negatives below; a positive scores 1 per lower negative and ½ per tied
 * negative (Mann–Whitney). Weighted rows count as pair weights w_i·w_j. Interval: Hanley–McNeil
 * standard error on the effective counts, normal approximation, clamped to [0, 1].
 */
import type { Scalar } from './result-types.ts';

export function aucByGroup(sorted: Uint32Array, scores: Float64Array, y: Uint8Array, weights: Float64Array | null,
  cell: Int32Array, cellToGroup: Int32Array | null, nGroups: number, z: number): Scalar[] {
  const negBelow = new Float64Array(nGroups), pos = new Float64Array(nGroups), neg = new Float64Array(nGroups);
  const pos2 = new Float64Array(nGroups), neg2 = new Float64Array(nGroups), num = new Float64Array(nGroups);
  const blockPos = new Float64Array(nGroups), blockNeg = new Float64Array(nGroups);
  const touched = new Int32Array(nGroups);
  const n = sorted.length;
  let i = 0;
  while (i < n) {
    const s = scores[sorted[i]];
    let j = i, nTouched = 0;
    for (; j < n && scores[sorted[j]] === s; j++) {
      const r = sorted[j];
      const g = cellToGroup === null ? 0 : cellToGroup[cell[r]];
      const w = weights === null ? 1 : weights[r];
      if (blockPos[g] === 0 && blockNeg[g] === 0) touched[nTouched++] = g;
      if (y[r] === 1) { blockPos[g] += w; pos2[g] += w * w; } else { blockNeg[g] += w; neg2[g] += w * w; }
    }
    for (let t = 0; t < nTouched; t++) {
      const g = touched[t];
      num[g] += blockPos[g] * (negBelow[g] + 0.5 * blockNeg[g]);
      negBelow[g] += blockNeg[g]; pos[g] += blockPos[g]; neg[g] += blockNeg[g];
      blockPos[g] = 0; blockNeg[g] = 0;
    }
    i = j;
  }
  return Array.from({ length: nGroups }, (_, g) => {
    if (!(pos[g] > 0 && neg[g] > 0)) return { value: null, reason: 'single_class' as const };
    const a = num[g] / (pos[g] * neg[g]);
    const nP = (pos[g] * pos[g]) / pos2[g], nN = (neg[g] * neg[g]) / neg2[g];
    const q1 = a / (2 - a), q2 = (2 * a * a) / (1 + a);
    const se = Math.sqrt(Math.max(0, (a * (1 - a) + (nP - 1) * (q1 - a * a) + (nN - 1) * (q2 - a * a)) / (nP * nN)));
    return { value: a, interval: [Math.max(0, a - z * se), Math.min(1, a + z * se)] as [number, number] };
  });
}
