/**
 * Score sums per level for AUC and calibration, from the included groups: per cell, Σw of the
 * positives and negatives of each score level (a distinct value, or a bin) in ascending order; Σw²
 * per cell and label; calibration sums per cell and calibration bin. A bin is exact when all its
 * scored rows share one score (its lowest equals its highest): the AUC then is the row path's. A
 * bin that spans several scores counts its positive/negative pairs as ties, which moves the AUC by
 * at most half of those pairs' share: that is the stated error bound.
 */
import type { CalibrationSums, ScoreLevelSums } from '@ethixai/fairness';
import { PushdownError, pushdownError } from './errors.ts';
import { calibrationRange } from './counts-query.ts';
import type { CountedCells } from './counted-cells.ts';
import type { ScoreSpec } from './spec.ts';

export interface ScoreLevel extends ScoreLevelSums {
  key: number;
  mixed: boolean;
}

export interface ScoreSums {
  levels: ScoreLevel[];
  squares: Float64Array;
  calibration: CalibrationSums;
  /** Included rows without a score (left out of AUC and calibration only). */
  missing: number;
  /** min and max score of the included scored rows (±Infinity when there are none). */
  min: number;
  max: number;
}

export function scoreSums(
  cells: CountedCells,
  scores: ScoreSpec,
  binRange: { lo: number; hi: number } | null,
): ScoreSums {
  const { nCells } = cells;
  const byKey = new Map<number, ScoreLevel & { lowest: number; highest: number }>();
  const squares = new Float64Array(nCells * 2);
  let missing = 0,
    min = Infinity,
    max = -Infinity;
  for (const { row, cell, y } of cells.included) {
    if (row.level === null) {
      missing += row.usable;
      continue;
    }
    const key = row.level === 0 ? 0 : row.level;
    let level = byKey.get(key);
    if (!level) {
      level = {
        key,
        pos: new Float64Array(nCells),
        neg: new Float64Array(nCells),
        mixed: false,
        lowest: Infinity,
        highest: -Infinity,
      };
      byKey.set(key, level);
    }
    (y === 1 ? level.pos : level.neg)[cell] += row.w;
    squares[cell * 2 + y] += row.w2;
    const lowest = scores.mode === 'exact' ? key : row.scoreMin!,
      highest = scores.mode === 'exact' ? key : row.scoreMax!;
    level.lowest = Math.min(level.lowest, lowest);
    level.highest = Math.max(level.highest, highest);
    min = Math.min(min, lowest);
    max = Math.max(max, highest);
  }
  const levels = [...byKey.values()].sort((a, b) => a.key - b.key);
  for (const level of levels) level.mixed = level.lowest !== level.highest;

  const { lo, hi } = binsOrRange(scores, binRange, min, max);
  const bins = scores.calibrationBins;
  const acc = new Float64Array(nCells * bins * 4);
  const shift = scores.mode === 'bins' ? Math.log2(scores.bins / bins) : 0;
  const scale = hi > lo ? bins / (hi - lo) : 0;
  for (const { row, cell, y } of cells.included) {
    if (row.level === null) continue;
    const b =
      scores.mode === 'bins'
        ? Math.min(bins - 1, Math.floor(row.level / 2 ** shift))
        : Math.min(bins - 1, Math.floor((row.level - lo) * scale));
    const o = (cell * bins + b) * 4;
    acc[o] += row.w;
    acc[o + 1] += row.w2;
    acc[o + 2] += y * row.w;
    acc[o + 3] += scores.mode === 'bins' ? row.ws : row.level * row.w;
  }
  return { levels, squares, calibration: { lo, hi, probability: min >= 0 && max <= 1, bins, acc }, missing, min, max };
}

/** Exact scores: the engine's range. Bins: the range the query binned over, which must be the engine's. */
function binsOrRange(
  scores: ScoreSpec,
  binRange: { lo: number; hi: number } | null,
  min: number,
  max: number,
): { lo: number; hi: number } {
  if (min > max) return { lo: 0, hi: 1 };
  const engine = calibrationRange(min, max);
  if (scores.mode === 'exact') return engine;
  if (binRange === null) {
    throw pushdownError(
      'PUSH_ERR_INVALID_COUNTS',
      'counts.scoreRange is missing: binned scores need the range they were binned over',
      { field: 'counts.scoreRange' },
    );
  }
  if (binRange.lo !== engine.lo || binRange.hi !== engine.hi) throw new ScoreRangeMismatch(binRange, engine);
  return binRange;
}

/** The query binned over another range than the scored rows have: the runner counts again with `wanted`. */
export class ScoreRangeMismatch extends PushdownError {
  readonly used: { lo: number; hi: number };
  readonly wanted: { lo: number; hi: number };
  constructor(used: { lo: number; hi: number }, wanted: { lo: number; hi: number }) {
    super(
      'PUSH_ERR_INVALID_COUNTS',
      `counts.scoreRange [${used.lo}, ${used.hi}] is not the scored rows' range [${wanted.lo}, ${wanted.hi}]; count again with that range`,
      { field: 'counts.scoreRange' },
    );
    this.used = used;
    this.wanted = wanted;
  }
}

/**
 * Per slot (0 = overall, then each attribute's groups) the most the binned AUC can differ from the
 * exact one: ½ Σ over mixed levels of P_b·N_b, over P·N.
 */
export function aucErrorBounds(
  sums: ScoreSums,
  nCells: number,
  cellSlots: (cell: number) => number[],
  nSlots: number,
): number[] {
  const tiedPairs = new Float64Array(nSlots),
    pos = new Float64Array(nSlots),
    neg = new Float64Array(nSlots);
  const bp = new Float64Array(nSlots),
    bn = new Float64Array(nSlots);
  const slots = Array.from({ length: nCells }, (_, c) => cellSlots(c));
  for (const level of sums.levels) {
    bp.fill(0);
    bn.fill(0);
    for (let c = 0; c < nCells; c++) {
      for (const s of slots[c]) {
        bp[s] += level.pos[c];
        bn[s] += level.neg[c];
      }
    }
    for (let s = 0; s < nSlots; s++) {
      pos[s] += bp[s];
      neg[s] += bn[s];
      if (level.mixed) tiedPairs[s] += bp[s] * bn[s];
    }
  }
  return Array.from({ length: nSlots }, (_, s) =>
    pos[s] > 0 && neg[s] > 0 ? (0.5 * tiedPairs[s]) / (pos[s] * neg[s]) : 0,
  );
}
