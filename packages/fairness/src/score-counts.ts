/**
 * AUC and calibration per group from per-cell sums by score level, for audits whose rows stay in
 * their own database (@ethixai/pushdown counts them there). The same sweep (auc.ts) and the same
 * calibration bins (calibration.ts) as the row path, so the two paths differ only in what the
 * database summed: with one distinct score per level the AUC is the row path's; a level that spans
 * several scores (a bin) counts its positive/negative pairs as ties.
 */
import type { Scalar, GroupReport } from './result-types.ts';
import { groupSweep } from './auc.ts';
import { calibrationForGroups } from './calibration.ts';
import { intervalLevel } from './stats/intervals.ts';
import type { IntervalMethod } from './config-types.ts';

/** One score level (a distinct value or a bin), ascending: per cell, Σw of its positives and negatives. */
export interface ScoreLevelSums {
  pos: Float64Array;
  neg: Float64Array;
}

/** Per cell × calibration bin × [Σw, Σw², Σw·y, Σw·s], over [lo, hi] (see calibration.ts). */
export interface CalibrationSums {
  lo: number;
  hi: number;
  probability: boolean;
  bins: number;
  acc: Float64Array;
}

export interface ScoreCountsInput {
  nCells: number;
  /** Per attribute: each cell's group index; the attribute has groupCounts[a] groups. */
  cellToGroup: readonly Int32Array[];
  groupCounts: readonly number[];
  levels: Iterable<ScoreLevelSums>;
  /** cell * 2 + y: Σw² of the cell's scored rows with label y (Kish sizes of the AUC interval). */
  squares: Float64Array;
  calibration: CalibrationSums;
}

export interface ScoreMetrics {
  overall: { auc: Scalar; calibration: NonNullable<GroupReport['calibration']> };
  byAttribute: { auc: Scalar; calibration: NonNullable<GroupReport['calibration']> }[][];
}

/** `confidence`, `intervalMethod` and `minDenominator` as in the audit's configuration (the row path's interval level). */
export function scoreMetricsFromCounts(
  input: ScoreCountsInput,
  settings: { confidence: number; intervalMethod: IntervalMethod; minDenominator: number },
): ScoreMetrics {
  const level = intervalLevel(settings.intervalMethod, 1 - settings.confidence);
  const { minDenominator } = settings;
  const { nCells, cellToGroup, groupCounts } = input;
  const { sweep, bases } = groupSweep(nCells, cellToGroup, groupCounts);
  const cells = new Int32Array(nCells);
  for (const level of input.levels) {
    let n = 0;
    for (let c = 0; c < nCells; c++) if (level.pos[c] !== 0 || level.neg[c] !== 0) cells[n++] = c;
    sweep.level(cells, n, level.pos, level.neg, 0);
  }
  const auc = sweep.finish(input.squares, nCells, level.z);
  const overallCalibration = calibrationForGroups(input.calibration, null, nCells, 1, level, minDenominator)[0];
  return {
    overall: { auc: auc[0], calibration: overallCalibration },
    byAttribute: cellToGroup.map((map, a) => {
      const calibration = calibrationForGroups(input.calibration, map, nCells, groupCounts[a], level, minDenominator);
      return calibration.map((cal, g) => ({ auc: auc[bases[a] + g], calibration: cal }));
    }),
  };
}
