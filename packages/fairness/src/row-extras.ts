/**
 * What needs the rows beyond the cell counts: AUC (score-auc.ts: one pass for every group of every
 * attribute) and calibration per group. Rows without a score are left out of both (counted in the
 * returned number).
 */
import type { AuditResult } from './result-types.ts';
import type { CellCounts } from './count-cells.ts';
import type { GroupedAttribute } from './groups.ts';
import { scoreAuc } from './score-auc.ts';
import { accumulateCalibration, calibrationForGroups } from './calibration.ts';
import type { IntervalLevel } from './stats/intervals.ts';

export function addScoreMetrics(
  result: Pick<AuditResult, 'overall' | 'attributes'>,
  grouped: readonly GroupedAttribute[],
  cells: CellCounts,
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  level: IntervalLevel,
  bins: number,
  minDenominator: number,
): number {
  const { nCells } = cells;
  const cell = cells.cell();
  const auc = scoreAuc(
    scores,
    y,
    weights,
    cell,
    nCells,
    grouped.map((a) => a.cellToGroup),
    grouped.map((_, a) => result.attributes[a].groups.length),
    level.z,
  );
  const cal = accumulateCalibration(scores, y, weights, cell, nCells, bins, auc);

  result.overall.auc = auc.overall;
  result.overall.calibration = calibrationForGroups(cal, null, nCells, 1, level, minDenominator)[0];
  grouped.forEach((attr, a) => {
    const groups = result.attributes[a].groups;
    const calibration = calibrationForGroups(cal, attr.cellToGroup, nCells, groups.length, level, minDenominator);
    groups.forEach((g, i) => {
      g.auc = auc.byAttribute[a][i];
      g.calibration = calibration[i];
    });
  });
  let included = 0;
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) included++;
  return included - auc.usable;
}
