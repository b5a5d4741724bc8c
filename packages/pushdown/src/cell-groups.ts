/**
 * From cells to each attribute's groups, as the engine groups rows (groups.ts): one attribute per
 * sensitive column (its levels in order, "(missing)" last) and, when asked, their intersection (the
 * observed combinations in level order, keyed "a × b"). Also each cell's group in every attribute,
 * for the score sums.
 */
import type { AttributeCountsInput, GroupCountsInput } from '@ethixai/fairness';
import type { CountedCells } from './counted-cells.ts';
import { INTERSECTION_SEPARATOR, levelName } from './value-semantics.ts';

export interface CellGroups {
  attributes: AttributeCountsInput[];
  overall: GroupCountsInput;
  cellToGroup: Int32Array[];
}

interface Sums {
  w: number[];
  w2: number[];
  rows: number;
}

const empty = (): Sums => ({ w: [0, 0, 0, 0], w2: [0, 0, 0, 0], rows: 0 });

function addCell(into: Sums, cells: CountedCells, c: number): void {
  for (let q = 0; q < 4; q++) {
    into.w[q] += cells.w[c * 4 + q];
    into.w2[q] += cells.w2[c * 4 + q];
    into.rows += cells.rows[c * 4 + q];
  }
}

/** Index y·2 + ŷ: 0 TN, 1 FP, 2 FN, 3 TP. */
function group(key: string, values: Record<string, string>, s: Sums): GroupCountsInput {
  return {
    key,
    values,
    rows: s.rows,
    counts: { tp: s.w[3], fp: s.w[1], tn: s.w[0], fn: s.w[2] },
    weightSquares: { tp: s.w2[3], fp: s.w2[1], tn: s.w2[0], fn: s.w2[2] },
  };
}

export function groupsOf(cells: CountedCells, intersection: boolean): CellGroups {
  const { sensitive, nCells, cellLevels } = cells;
  const overall = empty();
  for (let c = 0; c < nCells; c++) addCell(overall, cells, c);
  const attributes: AttributeCountsInput[] = [];
  const cellToGroup: Int32Array[] = [];
  sensitive.forEach((s, j) => {
    const byLevel = new Map<number, Sums>();
    for (let c = 0; c < nCells; c++) {
      const lv = cellLevels[c][j];
      if (!byLevel.has(lv)) byLevel.set(lv, empty());
      addCell(byLevel.get(lv)!, cells, c);
    }
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    const index = new Map(levels.map((lv, g) => [lv, g]));
    cellToGroup.push(Int32Array.from({ length: nCells }, (_, c) => index.get(cellLevels[c][j])!));
    attributes.push({
      name: s.name,
      columns: [s.name],
      groups: levels.map((lv) => group(levelName(s, lv), { [s.name]: levelName(s, lv) }, byLevel.get(lv)!)),
    });
  });
  if (intersection && sensitive.length >= 2) {
    // Cells are already in level order (counted-cells.ts sorts them), as the engine orders intersection groups.
    cellToGroup.push(Int32Array.from({ length: nCells }, (_, c) => c));
    attributes.push({
      name: sensitive.map((s) => s.name).join(INTERSECTION_SEPARATOR),
      columns: sensitive.map((s) => s.name),
      groups: Array.from({ length: nCells }, (_, c) => {
        const values: Record<string, string> = {};
        sensitive.forEach((s, j) => {
          values[s.name] = levelName(s, cellLevels[c][j]);
        });
        const sums = empty();
        addCell(sums, cells, c);
        return group(sensitive.map((s) => values[s.name]).join(INTERSECTION_SEPARATOR), values, sums);
      }),
    });
  }
  return { attributes, overall: group('overall', {}, overall), cellToGroup };
}
