/**
 * AUC of every group of every attribute (and overall) in one sweep over the distinct score values in
 * ascending order. Each distinct value arrives as per-cell sums of positive and negative weight;
 * each cell feeds one slot per attribute (slot 0 = overall). Per slot a positive scores 1 per lower
 * negative and ½ per tied negative (Mann–Whitney); weighted rows count as pair weights w_i·w_j.
 * Interval: Hanley–McNeil standard error on Kish effective counts, normal approximation, clamped
 * to [0, 1]. Both producers of the per-value sums (few distinct scores: a histogram; otherwise the
 * radix sort) add rows in row order and cells in id order, so they give identical results.
 */
import type { Scalar } from './result-types.ts';

/**
 * A sweep over slot 0 (all rows) and one slot per group of each attribute, where
 * `cellToGroup[a][c]` is cell c's group in attribute a. `bases[a]` is attribute a's first slot.
 */
export function groupSweep(
  nCells: number,
  cellToGroup: readonly Int32Array[],
  groupCounts: readonly number[],
): { sweep: AucSweep; bases: number[] } {
  const perCell = 1 + cellToGroup.length;
  const cellSlots = new Int32Array(nCells * perCell);
  const bases: number[] = [];
  let nSlots = 1;
  cellToGroup.forEach((map, a) => {
    bases.push(nSlots);
    for (let c = 0; c < nCells; c++) cellSlots[c * perCell + 1 + a] = nSlots + map[c];
    nSlots += groupCounts[a];
  });
  return { sweep: new AucSweep(cellSlots, perCell, nSlots), bases };
}

export class AucSweep {
  private readonly negBelow: Float64Array;
  private readonly num: Float64Array;
  private readonly pos: Float64Array;
  private readonly neg: Float64Array;
  private readonly blockPos: Float64Array;
  private readonly blockNeg: Float64Array;
  private readonly touched: Int32Array;
  private readonly cellSlots: Int32Array;
  private readonly perCell: number;
  readonly nSlots: number;

  /** cellSlots[c * perCell + k]: the slot cell c feeds in its k-th attribute. */
  constructor(cellSlots: Int32Array, perCell: number, nSlots: number) {
    this.cellSlots = cellSlots;
    this.perCell = perCell;
    this.nSlots = nSlots;
    this.negBelow = new Float64Array(nSlots);
    this.num = new Float64Array(nSlots);
    this.pos = new Float64Array(nSlots);
    this.neg = new Float64Array(nSlots);
    this.blockPos = new Float64Array(nSlots);
    this.blockNeg = new Float64Array(nSlots);
    this.touched = new Int32Array(nSlots);
  }

  /**
   * One distinct score value: cells[0..nCells) (ascending ids) with positive weight pos[off + c]
   * and negative weight neg[off + c].
   */
  level(cells: Int32Array, nCells: number, pos: Float64Array, neg: Float64Array, off: number): void {
    const { cellSlots, perCell, blockPos, blockNeg, touched } = this;
    let nTouched = 0;
    for (let t = 0; t < nCells; t++) {
      const c = cells[t];
      const p = pos[off + c],
        q = neg[off + c];
      // A cell whose rows here all weigh 0 adds nothing; letting it through would mark its slots
      // "touched" while their block sums stay 0, so the next cell of the block would list them again
      // and overrun `touched`, dropping the last slots' block (seen as "single_class" for a group
      // that has both classes). The histogram path never passes such cells either.
      if (p === 0 && q === 0) continue;
      for (let k = 0; k < perCell; k++) {
        const s = cellSlots[c * perCell + k];
        if (blockPos[s] === 0 && blockNeg[s] === 0) touched[nTouched++] = s;
        blockPos[s] += p;
        blockNeg[s] += q;
      }
    }
    const { num, negBelow } = this;
    for (let t = 0; t < nTouched; t++) {
      const s = touched[t];
      num[s] += blockPos[s] * (negBelow[s] + 0.5 * blockNeg[s]);
      negBelow[s] += blockNeg[s];
      this.pos[s] += blockPos[s];
      this.neg[s] += blockNeg[s];
      blockPos[s] = 0;
      blockNeg[s] = 0;
    }
  }

  /**
   * Unweighted rows sorted by score key (hi, lo), payload = cell * 2 + y; counts[c * 2 + y] = rows of
   * cell c with label y; every cell's first slot is slot 0 (overall). A row whose score no other row
   * shares adds (negatives below) to its slots' numerators, exactly what level() adds for a block of
   * one; tie blocks go through level(). Slot 0 is kept in locals, and the per-slot totals are set from
   * the counts at the end (negBelow ends as the negative total). Every sum is a count or a half-count
   * below 2^53, so the result does not depend on the order of the additions.
   */
  unitRows(
    hi: Uint32Array,
    lo: Uint32Array,
    payload: Uint32Array,
    n: number,
    nCells: number,
    counts: Float64Array,
  ): void {
    const { cellSlots, perCell, num, negBelow, pos, neg } = this;
    for (let c = 0; c < nCells; c++)
      if (cellSlots[c * perCell] !== 0) throw new Error("unitRows: slot 0 must be every cell's first slot");
    const bPos = new Float64Array(nCells),
      bNeg = new Float64Array(nCells),
      cells = new Int32Array(nCells),
      inBlock = new Uint8Array(nCells);
    let num0 = 0,
      below0 = 0,
      i = 0;
    while (i < n) {
      const h = hi[i],
        l = lo[i];
      if (i + 1 === n || hi[i + 1] !== h || lo[i + 1] !== l) {
        const v = payload[i],
          base = (v >>> 1) * perCell;
        if ((v & 1) === 1) {
          num0 += below0;
          for (let k = 1; k < perCell; k++) {
            const s = cellSlots[base + k];
            num[s] += negBelow[s];
          }
        } else {
          below0 += 1;
          for (let k = 1; k < perCell; k++) negBelow[cellSlots[base + k]] += 1;
        }
        i++;
        continue;
      }
      let m = 0,
        j = i;
      for (; j < n && hi[j] === h && lo[j] === l; j++) {
        const v = payload[j],
          c = v >>> 1;
        if (inBlock[c] === 0) {
          inBlock[c] = 1;
          cells[m++] = c;
        }
        if ((v & 1) === 1) bPos[c] += 1;
        else bNeg[c] += 1;
      }
      if (m > 1) cells.subarray(0, m).sort();
      num[0] = num0;
      negBelow[0] = below0;
      this.level(cells, m, bPos, bNeg, 0);
      num0 = num[0];
      below0 = negBelow[0];
      for (let t = 0; t < m; t++) {
        const c = cells[t];
        bPos[c] = 0;
        bNeg[c] = 0;
        inBlock[c] = 0;
      }
      i = j;
    }
    num[0] = num0;
    negBelow[0] = below0;
    pos.fill(0);
    for (let c = 0; c < nCells; c++)
      for (let k = 0; k < perCell; k++) pos[cellSlots[c * perCell + k]] += counts[c * 2 + 1];
    neg.set(negBelow);
  }

  /**
   * Weighted rows sorted by score key, payload = row index. A row whose score is unique adds w·(negative
   * weight below) or w to negBelow, bit for bit what level() adds for a block of one (x + 0 = x, 0·y = 0
   * for the finite non-negative weights that reach here); tie blocks add weights in row order (the sort
   * is stable) through level().
   */
  weightedRows(
    hi: Uint32Array,
    lo: Uint32Array,
    order: Uint32Array,
    n: number,
    nCells: number,
    cell: Int32Array,
    y: Uint8Array,
    weights: Float64Array,
  ): void {
    const { cellSlots, perCell, num, negBelow, pos, neg } = this;
    const bPos = new Float64Array(nCells),
      bNeg = new Float64Array(nCells),
      cells = new Int32Array(nCells),
      inBlock = new Uint8Array(nCells);
    let i = 0;
    while (i < n) {
      const h = hi[i],
        l = lo[i];
      if (i + 1 === n || hi[i + 1] !== h || lo[i + 1] !== l) {
        const r = order[i],
          base = cell[r] * perCell,
          w = weights[r];
        if (y[r] === 1)
          for (let k = 0; k < perCell; k++) {
            const s = cellSlots[base + k];
            num[s] += w * negBelow[s];
            pos[s] += w;
          }
        else
          for (let k = 0; k < perCell; k++) {
            const s = cellSlots[base + k];
            negBelow[s] += w;
            neg[s] += w;
          }
        i++;
        continue;
      }
      let m = 0,
        j = i;
      for (; j < n && hi[j] === h && lo[j] === l; j++) {
        const r = order[j],
          c = cell[r];
        if (inBlock[c] === 0) {
          inBlock[c] = 1;
          cells[m++] = c;
        }
        if (y[r] === 1) bPos[c] += weights[r];
        else bNeg[c] += weights[r];
      }
      if (m > 1) cells.subarray(0, m).sort();
      this.level(cells, m, bPos, bNeg, 0);
      for (let t = 0; t < m; t++) {
        const c = cells[t];
        bPos[c] = 0;
        bNeg[c] = 0;
        inBlock[c] = 0;
      }
      i = j;
    }
  }

  /** AUC per slot; sq[c * 2 + y] = Σw² of cell c's scored rows with label y (for Kish sizes). */
  finish(sq: Float64Array, nCells: number, z: number): Scalar[] {
    const pos2 = new Float64Array(this.nSlots),
      neg2 = new Float64Array(this.nSlots);
    for (let c = 0; c < nCells; c++) {
      for (let k = 0; k < this.perCell; k++) {
        const s = this.cellSlots[c * this.perCell + k];
        neg2[s] += sq[c * 2];
        pos2[s] += sq[c * 2 + 1];
      }
    }
    const { pos, neg, num } = this;
    return Array.from({ length: this.nSlots }, (_, g) => {
      if (!(pos[g] > 0 && neg[g] > 0)) return { value: null, reason: 'single_class' as const };
      const a = num[g] / (pos[g] * neg[g]);
      const nP = (pos[g] * pos[g]) / pos2[g],
        nN = (neg[g] * neg[g]) / neg2[g];
      const q1 = a / (2 - a),
        q2 = (2 * a * a) / (1 + a);
      const se = Math.sqrt(Math.max(0, (a * (1 - a) + (nP - 1) * (q1 - a * a) + (nN - 1) * (q2 - a * a)) / (nP * nN)));
      return { value: a, interval: [Math.max(0, a - z * se), Math.min(1, a + z * se)] as [number, number] };
    });
  }
}
