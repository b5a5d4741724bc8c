/**
 * What needs the rows beyond the cell counts: AUC (one shared radix argsort of the score) and
 * calibration per group. Rows without a score are left out of both (counted in `scoreMissing`).
 */
import type { AuditResult } from './result-types.ts';
import type { CellCounts } from './count-cells.ts';
import type { GroupedAttribute } from './groups.ts';
import { sortScores } from './argsort.ts';
import { aucByGroup, gatherSorted } from './auc.ts';
import { accumulateCalibration, calibrationForGroups } from './calibration.ts';

export function addScoreMetrics(result: Pick<AuditResult, 'overall' | 'attributes'>, grouped: readonly GroupedAttribute[],
  cells: CellCounts, scores: Float64Array, y: Uint8Array, weights: Float64Array | null,
  z: number, bins: number, minDenominator: number): number {
  const { nCells } = cells;
  const cell = cells.cell();
  let usable = 0;
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0 && scores[i] === scores[i]) usable++;
  const rows = new Uint32Array(usable);
  for (let i = 0, k = 0; i < cell.length; i++) if (cell[i] >= 0 && scores[i] === scores[i]) rows[k++] = i;
  const sorted = gatherSorted(sortScores(scores, rows), y, weights, cell);
  const cal = accumulateCalibration(scores, y, weights, cell, nCells, bins);

  result.overall.auc = aucByGroup(sorted, null, 1, z)[0];
  result.overall.calibration = calibrationForGroups(cal, null, nCells, 1, z, minDenominator)[0];
  grouped.forEach((attr, a) => {
    const groups = result.attributes[a].groups;
    const auc = aucByGroup(sorted, attr.cellToGroup, groups.length, z);
    const calibration = calibrationForGroups(cal, attr.cellToGroup, nCells, groups.length, z, minDenominator);
    groups.forEach((g, i) => { g.auc = auc[i]; g.calibration = calibration[i]; });
  });
  let included = 0;
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) included++;
  return included - usable;
}
