/**
 * AUC for the overall row and every group of every attribute from one pass over the scored rows:
 * the distinct-value histogram when there are few distinct scores (score-levels.ts), else one sort of
 * the rows' score keys (score-sort.ts) walked tie block by tie block. Either way the per-value,
 * per-cell sums go through one AucSweep (auc.ts). Continuous scores skip the histogram attempt
 * (looksContinuous) instead of filling it to its limit first.
 */
import type { Scalar } from './result-types.ts';
import { groupSweep, type AucSweep } from './auc.ts';
import { looksContinuous, scoreLevels, type ScoreLevels } from './score-levels.ts';
import { HI_DIGITS, putKey, scoreOfKey, sortKeyed, type KeyedRows } from './score-sort.ts';

/** Histogram entries (distinct values × cells) above which sorting is the cheaper route. */
const HISTOGRAM_BUDGET = 1 << 21;
const MAX_LEVELS = 1 << 16;

/** min/max: of the scored rows' scores (Infinity/−Infinity when there are none), for the calibration bins. */
export interface ScoreAuc {
  overall: Scalar;
  byAttribute: Scalar[][];
  usable: number;
  min: number;
  max: number;
}
interface Swept {
  sq: Float64Array;
  usable: number;
  min: number;
  max: number;
}

export function levelLimit(nCells: number): number {
  return Math.max(1, Math.min(MAX_LEVELS, Math.floor(HISTOGRAM_BUDGET / nCells)));
}

/** cellToGroup per attribute; the sweep's slots are [overall, attribute 0's groups, attribute 1's groups, …]. */
export function scoreAuc(
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  cell: Int32Array,
  nCells: number,
  cellToGroup: readonly Int32Array[],
  groupCounts: readonly number[],
  z: number,
  limit = levelLimit(nCells),
): ScoreAuc {
  const { sweep, bases } = groupSweep(nCells, cellToGroup, groupCounts);
  const levels = looksContinuous(scores, cell) ? null : scoreLevels(scores, y, weights, cell, nCells, limit);
  const { sq, usable, min, max } = levels
    ? sweepLevels(levels, nCells, sweep)
    : sweepSorted(scores, y, weights, cell, nCells, sweep);
  const all = sweep.finish(sq, nCells, z);
  return { overall: all[0], byAttribute: bases.map((b, a) => all.slice(b, b + groupCounts[a])), usable, min, max };
}

function sweepLevels(l: ScoreLevels, nCells: number, sweep: AucSweep): Swept {
  const order = Uint32Array.from({ length: l.count }, (_, i) => i).sort((a, b) => l.values[a] - l.values[b]);
  const neg = new Float64Array(nCells),
    pos = new Float64Array(nCells),
    cells = new Int32Array(nCells);
  for (const id of order) {
    let n = 0;
    for (let c = 0; c < nCells; c++) {
      const o = (id * nCells + c) * 2;
      if (l.hist[o] !== 0 || l.hist[o + 1] !== 0) {
        neg[c] = l.hist[o];
        pos[c] = l.hist[o + 1];
        cells[n++] = c;
      }
    }
    sweep.level(cells, n, pos, neg, 0);
  }
  const min = l.count > 0 ? l.values[order[0]] : Infinity,
    max = l.count > 0 ? l.values[order[l.count - 1]] : -Infinity;
  return { sq: l.sq, usable: l.usable, min, max };
}

function sweepSorted(
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  cell: Int32Array,
  nCells: number,
  sweep: AucSweep,
): Swept {
  const n = cell.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const keyed: KeyedRows = { hi: new Uint32Array(n), lo: new Uint32Array(n), payload: new Uint32Array(n) };
  const sq = new Float64Array(nCells * 2);
  const { hi, lo, payload } = keyed;
  const hist = new Uint32Array(HI_DIGITS);
  const put = putKey; // a local binding: calls through the module's export would not be inlined
  let usable = 0;
  // Unweighted rows carry cell·2 + y (the sweep then reads only the sorted arrays); weighted rows carry
  // their index, so the tie blocks add weights in row order as before.
  for (let i = 0; i < n; i++) {
    const c = cell[i],
      s = scores[i];
    if (c < 0 || s !== s) continue;
    put(s, bits, i, hi, lo, usable, hist);
    const yi = y[i],
      w = weights === null ? 1 : weights[i];
    payload[usable++] = weights === null ? c * 2 + yi : i;
    sq[c * 2 + yi] += w * w;
  }
  sortKeyed(
    keyed,
    { hi: new Uint32Array(usable), lo: new Uint32Array(usable), payload: new Uint32Array(usable) },
    usable,
    hist,
  );
  if (weights === null) sweep.unitRows(hi, lo, payload, usable, nCells, sq);
  else sweep.weightedRows(hi, lo, payload, usable, nCells, cell, y, weights);
  const min = usable > 0 ? scoreOfKey(hi[0], lo[0]) : Infinity,
    max = usable > 0 ? scoreOfKey(hi[usable - 1], lo[usable - 1]) : -Infinity;
  return { sq, usable, min, max };
}
