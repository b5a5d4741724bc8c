/**
 * AUC for the overall row and every group of every attribute from one pass over the scored rows:
 * the distinct-value histogram when there are few distinct scores (score-levels.ts), else one radix
 * sort of the rows (argsort.ts) walked tie block by tie block. Either way the per-value, per-cell
 * sums go through one AucSweep (auc.ts).
 */
import type { Scalar } from './result-types.ts';
import { AucSweep } from './auc.ts';
import { scoreLevels, type ScoreLevels } from './score-levels.ts';
import { sortScores } from './argsort.ts';

/** Histogram entries (distinct values × cells) above which sorting is the cheaper route. */
const HISTOGRAM_BUDGET = 1 << 21;
const MAX_LEVELS = 1 << 16;

export interface ScoreAuc { overall: Scalar; byAttribute: Scalar[][]; usable: number }

export function levelLimit(nCells: number): number {
  return Math.max(1, Math.min(MAX_LEVELS, Math.floor(HISTOGRAM_BUDGET / nCells)));
}

/** cellToGroup per attribute; the sweep's slots are [overall, attribute 0's groups, attribute 1's groups, …]. */
export function scoreAuc(scores: Float64Array, y: Uint8Array, weights: Float64Array | null, cell: Int32Array, nCells: number,
  cellToGroup: readonly Int32Array[], groupCounts: readonly number[], z: number, limit = levelLimit(nCells)): ScoreAuc {
  const perCell = 1 + cellToGroup.length;
  const cellSlots = new Int32Array(nCells * perCell);
  const bases: number[] = [];
  let nSlots = 1;
  cellToGroup.forEach((map, a) => {
    bases.push(nSlots);
    for (let c = 0; c < nCells; c++) cellSlots[c * perCell + 1 + a] = nSlots + map[c];
    nSlots += groupCounts[a];
  });
  const sweep = new AucSweep(cellSlots, perCell, nSlots);
  const levels = scoreLevels(scores, y, weights, cell, nCells, limit);
  const { sq, usable } = levels ? sweepLevels(levels, nCells, sweep) : sweepSorted(scores, y, weights, cell, nCells, sweep);
  const all = sweep.finish(sq, nCells, z);
  return { overall: all[0], byAttribute: bases.map((b, a) => all.slice(b, b + groupCounts[a])), usable };
}

function sweepLevels(l: ScoreLevels, nCells: number, sweep: AucSweep): { sq: Float64Array; usable: number } {
  const order = Uint32Array.from({ length: l.count }, (_, i) => i).sort((a, b) => l.values[a] - l.values[b]);
  const neg = new Float64Array(nCells), pos = new Float64Array(nCells), cells = new Int32Array(nCells);
  for (const id of order) {
    let n = 0;
    for (let c = 0; c < nCells; c++) {
      const o = (id * nCells + c) * 2;
      if (l.hist[o] !== 0 || l.hist[o + 1] !== 0) { neg[c] = l.hist[o]; pos[c] = l.hist[o + 1]; cells[n++] = c; }
    }
    sweep.level(cells, n, pos, neg, 0);
  }
  return { sq: l.sq, usable: l.usable };
}

function sweepSorted(scores: Float64Array, y: Uint8Array, weights: Float64Array | null, cell: Int32Array, nCells: number,
  sweep: AucSweep): { sq: Float64Array; usable: number } {
  let usable = 0;
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0 && scores[i] === scores[i]) usable++;
  const rows = new Uint32Array(usable);
  const sq = new Float64Array(nCells * 2);
  for (let i = 0, k = 0; i < cell.length; i++) {
    if (cell[i] >= 0 && scores[i] === scores[i]) {
      rows[k++] = i;
      const w = weights === null ? 1 : weights[i];
      sq[cell[i] * 2 + y[i]] += w * w;
    }
  }
  const { rows: order, hi, lo } = sortScores(scores, rows);
  const pos = new Float64Array(nCells), neg = new Float64Array(nCells), cells = new Int32Array(nCells);
  const inBlock = new Uint8Array(nCells);
  let i = 0;
  while (i < usable) {
    let n = 0, j = i;
    for (; j < usable && hi[j] === hi[i] && lo[j] === lo[i]; j++) {
      const r = order[j], c = cell[r];
      if (inBlock[c] === 0) { inBlock[c] = 1; cells[n++] = c; }
      const w = weights === null ? 1 : weights[r];
      if (y[r] === 1) pos[c] += w; else neg[c] += w;
    }
    if (n > 1) cells.subarray(0, n).sort();
    sweep.level(cells, n, pos, neg, 0);
    for (let t = 0; t < n; t++) { const c = cells[t]; pos[c] = 0; neg[c] = 0; inBlock[c] = 0; }
    i = j;
  }
  return { sq, usable };
}
