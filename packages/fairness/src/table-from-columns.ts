/**
 * Builds a Table from plain arrays (tests, services holding JSON rows, the bench). Strings (and
 * booleans) become categorical columns with levels in order of first appearance; numbers become
 * numeric columns. null, undefined, '' and NaN are missing.
 */
import type { CategoricalColumn, Column, NumericColumn, Table } from './table.ts';
import { FairnessError } from './errors.ts';

type Cell = string | number | boolean | null | undefined;

export function categorical(values: readonly Cell[]): CategoricalColumn {
  const codes = new Int32Array(values.length);
  const levels: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = -1;
      continue;
    }
    const s = String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = levels.length;
      levels.push(s);
      index.set(s, c);
    }
    codes[i] = c;
  }
  return { kind: 'categorical', codes, levels };
}

export function numeric(values: readonly Cell[] | Float64Array): NumericColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : v === null || v === undefined || v === '' ? NaN : Number(v);
  }
  return { kind: 'numeric', values: out };
}

export function tableFromColumns(columns: Record<string, readonly Cell[] | Float64Array | Column>): Table {
  const map = new Map<string, Column>();
  let rowCount = -1;
  for (const [name, data] of Object.entries(columns)) {
    let col: Column;
    if (data instanceof Float64Array) col = numeric(data);
    else if (!Array.isArray(data) && typeof data === 'object' && 'kind' in data) col = data as Column;
    else {
      const arr = data as readonly Cell[];
      const allNumbers = arr.every((v) => typeof v === 'number' || v === null || v === undefined);
      col = allNumbers && arr.some((v) => typeof v === 'number') ? numeric(arr) : categorical(arr);
    }
    const len = col.kind === 'numeric' ? col.values.length : col.codes.length;
    if (rowCount >= 0 && len !== rowCount) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `column ${name} has ${len} rows, expected ${rowCount}`, {
        column: name,
      });
    }
    rowCount = len;
    map.set(name, col);
  }
  return { rowCount: Math.max(rowCount, 0), columns: map };
}
