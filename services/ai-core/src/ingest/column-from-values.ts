/**
 * Turns one JSON array of cell values into an engine column, with the engine's own typing rule
 * (`tableFromColumns`, and what a CSV column of the same data becomes): at least one number and
 * nothing but numbers -> numeric; anything else -> categorical, with numbers and booleans spelled
 * as text so "1" and 1 land in one level. null, an absent cell and "" are missing.
 * Ours rather than the engine's helper because it names the offending cell of a bad request and
 * makes one typing pass without per-value closures.
 */
import { MAX_CELL_CHARS } from '@ethixai/contracts';
import type { Column } from '@ethixai/fairness';
import { validationError } from '../errors.ts';

type Cell = string | number | boolean | null | undefined;

function isCell(value: unknown): value is Cell {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined';
}

/** `cellPath` names a cell in the request (e.g. `data.columns.race[3]`) for error messages. */
export function columnFromValues(
  values: readonly unknown[],
  rowCount: number,
  cellPath: (row: number) => string,
): Column {
  let allNumeric = true;
  let anyNumber = false;
  for (let i = 0; i < rowCount; i++) {
    const value = values[i];
    if (typeof value === 'number') anyNumber = true;
    else if (value === null || value === undefined || value === '') continue;
    else if (!isCell(value)) throw validationError(cellPath(i), 'must be a string, number, boolean or null');
    else {
      if (typeof value === 'string' && value.length > MAX_CELL_CHARS)
        throw validationError(cellPath(i), `is longer than ${MAX_CELL_CHARS} characters`);
      allNumeric = false;
    }
  }
  return allNumeric && anyNumber ? numericColumn(values, rowCount) : categoricalColumn(values, rowCount);
}

function numericColumn(values: readonly unknown[], rowCount: number): Column {
  const out = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const value = values[i];
    out[i] = typeof value === 'number' ? value : Number.NaN;
  }
  return { kind: 'numeric', values: out };
}

function categoricalColumn(values: readonly unknown[], rowCount: number): Column {
  const codes = new Int32Array(rowCount);
  const levels: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < rowCount; i++) {
    const value = values[i];
    if (value === null || value === undefined || value === '') {
      codes[i] = -1;
      continue;
    }
    const key = typeof value === 'string' ? value : String(value);
    let code = index.get(key);
    if (code === undefined) {
      code = levels.length;
      levels.push(key);
      index.set(key, code);
    }
    codes[i] = code;
  }
  return { kind: 'categorical', codes, levels };
}
