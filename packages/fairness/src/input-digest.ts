/** The provenance digest of an audit's input (see digest.ts for what is hashed and why). */
import type { CellCounts } from './count-cells.ts';
import type { SensitiveCodes } from './sensitive.ts';

export function inputDigest(
  cells: CellCounts,
  sensitive: readonly SensitiveCodes[],
  weights: Float64Array | null,
  scores: Float64Array | null,
): string {
  // rowKeys hold each row's cell, label and decision (or why it was excluded); the cells' values follow
  const d = cells.rowDigest();
  for (let id = 0; id < cells.nCells; id++) {
    sensitive.forEach((s, j) => {
      const lv = cells.cellLevels[id][j];
      d.string(lv === s.levels.length ? '\u0000missing' : s.levels[lv]);
    });
  }
  if (weights) d.string('weights').array(weights);
  if (scores) d.string('scores').array(scores);
  return d.hex();
}
