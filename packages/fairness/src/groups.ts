/**
 * From intersection cells to the groups of each attribute: one attribute per sensitive column
 * (groups = its observed values, "(missing)" last) and, when asked, the intersection of all of them
 * (groups = observed combinations, keyed "a × b"). Also maps each cell to its group in every
 * attribute, so row-level extras (AUC, calibration) can reuse the one cell index.
 */
import type { CellCounts } from './count-cells.ts';
import type { SensitiveCodes } from './sensitive.ts';
import { addInto, emptyTally, type Tally } from './tally.ts';
import type { AttributeTallies } from './report.ts';

export const MISSING_LABEL = '(missing)';
export const INTERSECTION_SEPARATOR = ' × ';

export interface GroupedAttribute extends AttributeTallies {
  cellToGroup: Int32Array;
}

function cellTally(c: CellCounts, id: number, key: string, values: Record<string, string>): Tally {
  const t = emptyTally(key, values);
  for (let q = 0; q < 4; q++) {
    t.w[q] = c.w[id * 4 + q];
    t.w2[q] = c.w2[id * 4 + q];
    t.rows += c.rows[id * 4 + q];
  }
  return t;
}

const levelName = (s: SensitiveCodes, lv: number) => (lv === s.levels.length ? MISSING_LABEL : s.levels[lv]);

export function groupAttributes(
  c: CellCounts,
  sensitive: readonly SensitiveCodes[],
  intersection: boolean,
): { attributes: GroupedAttribute[]; overall: Tally } {
  const cells = Array.from({ length: c.nCells }, (_, id) => {
    const values: Record<string, string> = {};
    sensitive.forEach((s, j) => {
      values[s.name] = levelName(s, c.cellLevels[id][j]);
    });
    return cellTally(c, id, sensitive.map((s) => values[s.name]).join(INTERSECTION_SEPARATOR), values);
  });
  const overall = emptyTally('overall', {});
  for (const t of cells) addInto(overall, t);

  const attributes: GroupedAttribute[] = sensitive.map((s, j) => {
    const byLevel = new Map<number, Tally>();
    for (let id = 0; id < c.nCells; id++) {
      const lv = c.cellLevels[id][j];
      let t = byLevel.get(lv);
      if (!t) {
        t = emptyTally(levelName(s, lv), { [s.name]: levelName(s, lv) });
        byLevel.set(lv, t);
      }
      addInto(t, cells[id]);
    }
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    const index = new Map(levels.map((lv, g) => [lv, g]));
    const cellToGroup = Int32Array.from({ length: c.nCells }, (_, id) => index.get(c.cellLevels[id][j])!);
    return { name: s.name, columns: [s.name], tallies: levels.map((lv) => byLevel.get(lv)!), cellToGroup };
  });

  if (intersection && sensitive.length >= 2) {
    const order = Array.from({ length: c.nCells }, (_, id) => id).sort((a, b) => {
      for (let j = 0; j < sensitive.length; j++) {
        const d = c.cellLevels[a][j] - c.cellLevels[b][j];
        if (d !== 0) return d;
      }
      return 0;
    });
    const cellToGroup = new Int32Array(c.nCells);
    order.forEach((id, g) => {
      cellToGroup[id] = g;
    });
    attributes.push({
      name: sensitive.map((s) => s.name).join(INTERSECTION_SEPARATOR),
      columns: sensitive.map((s) => s.name),
      tallies: order.map((id) => cells[id]),
      cellToGroup,
    });
  }
  return { attributes, overall };
}
