/**
 * AUC per group from one shared sort of the score: walking rows in score order, each group keeps
 * its running weight of negatives below; a positive scores 1 per lower negative and ½ per tied
 * negative (Mann–Whitney). Weighted rows count as pair weights w_i·w_j. Interval: Hanley–McNeil
 * standard error on Kish effective counts, normal approximation, clamped to [0, 1].
 */
import type { Scalar } from './result-types.ts';
import type { SortedScores } from './argsort.ts';

/** Label, weight and group of each row gathered once into score order, so group passes read sequentially. */
export interface SortedRows { sort: SortedScores; y: Uint8Array; w: Float64Array | null; cell: Int32Array }

export function gatherSorted(sort: SortedScores, y: Uint8Array, weights: Float64Array | null, cell: Int32Array): SortedRows {
  const n = sort.rows.length;
  const sy = new Uint8Array(n), sc = new Int32Array(n), sw = weights ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) { const r = sort.rows[i]; sy[i] = y[r]; sc[i] = cell[r]; if (sw) sw[i] = weights![r]; }
  return { sort, y: sy, w: sw, cell: sc };
}

export function aucByGroup(s: SortedRows, cellToGroup: Int32Array | null, nGroups: number, z: number): Scalar[] {
  const negBelow = new Float64Array(nGroups), pos = new Float64Array(nGroups), neg = new Float64Array(nGroups);
  const pos2 = new Float64Array(nGroups), neg2 = new Float64Array(nGroups), num = new Float64Array(nGroups);
  const blockPos = new Float64Array(nGroups), blockNeg = new Float64Array(nGroups);
  const touched = new Int32Array(nGroups);
  const { hi, lo } = s.sort;
  const n = hi.length;
  let i = 0;
  while (i < n) {
    const h = hi[i], l = lo[i];
    let j = i, nTouched = 0;
    for (; j < n && hi[j] === h && lo[j] === l; j++) {
      const g = cellToGroup === null ? 0 : cellToGroup[s.cell[j]];
      const w = s.w === null ? 1 : s.w[j];
      if (blockPos[g] === 0 && blockNeg[g] === 0) touched[nTouched++] = g;
      if (s.y[j] === 1) { blockPos[g] += w; pos2[g] += w * w; } else { blockNeg[g] += w; neg2[g] += w * w; }
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
