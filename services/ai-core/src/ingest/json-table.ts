/**
 * JSON request data -> engine Table. Two shapes are accepted:
 *   columnar: { columns: { name: [v0, v1, ...], ... } }   (fast path: no per-row objects)
 *   rows:     { rows: [ { name: v, ... }, ... ] }           (keys may vary; absent = missing)
 * Row and column limits are checked before any column is built, so an oversized body is
 * rejected without allocating its typed arrays.
 */
import type { Column, Table } from '@ethixai/fairness';
import type { AnalysisLimits } from '../config/env.ts';
import { aiCoreError, validationError } from '../errors.ts';
import { columnFromValues } from './column-from-values.ts';

type RowLimits = Pick<AnalysisLimits, 'maxRows' | 'maxColumns'>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkRowLimit(rows: number, limits: RowLimits): void {
  if (rows > limits.maxRows) {
    throw aiCoreError(
      'AIC_ERR_TOO_MANY_ROWS',
      `The data has ${rows} rows; the limit (AI_CORE_MAX_ROWS) is ${limits.maxRows}`,
      { details: { limit: 'maxRows', max: limits.maxRows } },
    );
  }
}

export function checkColumnLimit(columns: number, limits: RowLimits): void {
  if (columns > limits.maxColumns) {
    throw aiCoreError(
      'AIC_ERR_TOO_MANY_COLUMNS',
      `The data has ${columns} columns; the limit (AI_CORE_MAX_COLUMNS) is ${limits.maxColumns}`,
      { details: { limit: 'maxColumns', max: limits.maxColumns } },
    );
  }
}

export function tableFromJsonData(data: unknown, limits: RowLimits): Table {
  if (!isPlainObject(data)) throw validationError('data', 'must be an object with "columns" or "rows"');
  const hasColumns = Object.hasOwn(data, 'columns');
  const hasRows = Object.hasOwn(data, 'rows');
  if (hasColumns === hasRows) throw validationError('data', 'must have exactly one of "columns" or "rows"');
  return hasColumns ? tableFromColumns(data.columns, limits) : tableFromRows(data.rows, limits);
}

function tableFromColumns(input: unknown, limits: RowLimits): Table {
  if (!isPlainObject(input)) throw validationError('data.columns', 'must be an object mapping column names to arrays');
  const names = Object.keys(input);
  if (names.length === 0) throw validationError('data.columns', 'must name at least one column');
  checkColumnLimit(names.length, limits);
  let rowCount = -1;
  for (const name of names) {
    const values = input[name];
    if (!Array.isArray(values)) throw validationError(`data.columns.${name}`, 'must be an array');
    if (rowCount === -1) {
      rowCount = values.length;
      checkRowLimit(rowCount, limits);
    } else if (values.length !== rowCount) {
      throw validationError(`data.columns.${name}`, `has ${values.length} values; column ${names[0]} has ${rowCount}`);
    }
  }
  const columns = new Map<string, Column>();
  for (const name of names)
    columns.set(
      name,
      columnFromValues(input[name] as unknown[], rowCount, (i) => `data.columns.${name}[${i}]`),
    );
  return { rowCount, columns };
}

function tableFromRows(input: unknown, limits: RowLimits): Table {
  if (!Array.isArray(input)) throw validationError('data.rows', 'must be an array of objects');
  checkRowLimit(input.length, limits);
  const rowCount = input.length;
  const cells = new Map<string, unknown[]>();
  for (let i = 0; i < rowCount; i++) {
    const row: unknown = input[i];
    if (!isPlainObject(row)) throw validationError(`data.rows[${i}]`, 'must be an object');
    for (const name in row) {
      let values = cells.get(name);
      if (values === undefined) {
        checkColumnLimit(cells.size + 1, limits);
        // Rows before this one lack the key: leave their cells undefined (missing).
        values = new Array<unknown>(rowCount);
        cells.set(name, values);
      }
      values[i] = row[name];
    }
  }
  const columns = new Map<string, Column>();
  for (const [name, values] of cells)
    columns.set(
      name,
      columnFromValues(values, rowCount, (i) => `data.rows[${i}].${name}`),
    );
  return { rowCount, columns };
}
