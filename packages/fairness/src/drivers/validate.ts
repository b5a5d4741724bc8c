/**
 * Input checks for analyzeDrivers. Only input that cannot be analysed at all is an error (a typed
 * FairnessError naming the field); data that merely makes a statistic undefined is a value.
 */
import { FairnessError } from '../errors.ts';
import type { Column, Table } from '../table.ts';
import type { SensitiveInput } from './proxies.ts';

export interface DriversOptions {
  table: Table;
  features: string[];
  decisions: Uint8Array;
  rows: Uint32Array | null;
  sensitive: SensitiveInput[];
  seed: number;
  topK?: number;
  proxyThreshold?: number;
}

const invalid = (field: string, message: string) =>
  new FairnessError('FAIR_ERR_INVALID_CONFIG', `drivers: ${field}: ${message}`, { field });

/** NaN is "missing"; an infinite value has no mean or quantile, so it is an input error. */
function rejectInfinite(name: string, values: Float64Array, rows: Uint32Array | null): void {
  const m = rows === null ? values.length : rows.length;
  for (let i = 0; i < m; i++) {
    const r = rows === null ? i : rows[i];
    const v = values[r];
    if (v === Infinity || v === -Infinity) {
      throw new FairnessError(
        'FAIR_ERR_NOT_NUMERIC',
        `feature column "${name}" holds ${v} at row ${r}; numeric features must be finite (NaN = missing)`,
        { column: name, row: r },
      );
    }
  }
}

export function validateDrivers(o: DriversOptions): Column[] {
  const n = o.table.rowCount;
  if (!Array.isArray(o.features)) throw invalid('features', 'must be an array of column names');
  if (o.rows !== null) {
    for (let i = 0; i < o.rows.length; i++) {
      if (o.rows[i] >= n) throw invalid('rows', `index ${o.rows[i]} is outside 0..${n - 1}`);
    }
  }
  const seen = new Set<string>();
  const columns = o.features.map((name) => {
    if (seen.has(name)) throw invalid('features', `"${name}" is listed twice`);
    seen.add(name);
    if (o.table.duplicateNames?.has(name)) {
      throw new FairnessError(
        'FAIR_ERR_DUPLICATE_COLUMN',
        `feature column "${name}" appears more than once in the header`,
        { column: name },
      );
    }
    const col = o.table.columns.get(name);
    if (!col)
      throw new FairnessError('FAIR_ERR_COLUMN_NOT_FOUND', `feature column "${name}" is not in the data`, {
        column: name,
      });
    const len = col.kind === 'numeric' ? col.values.length : col.codes.length;
    if (len !== n) throw invalid(`features.${name}`, `has ${len} values for ${n} rows`);
    if (col.kind === 'numeric') rejectInfinite(name, col.values, o.rows);
    return col;
  });
  if (o.decisions.length !== n) throw invalid('decisions', `has ${o.decisions.length} values for ${n} rows`);
  for (let i = 0; i < n; i++) {
    if (o.decisions[i] > 1) throw invalid('decisions', `row ${i} is ${o.decisions[i]}; decisions must be 0 or 1`);
  }
  for (const s of o.sensitive) {
    if (s.codes.length !== n) throw invalid(`sensitive.${s.name}`, `has ${s.codes.length} values for ${n} rows`);
    for (let i = 0; i < n; i++) {
      if (s.codes[i] >= s.levels.length)
        throw invalid(`sensitive.${s.name}`, `row ${i} has code ${s.codes[i]} beyond its ${s.levels.length} levels`);
    }
  }
  if (!Number.isFinite(o.seed)) throw invalid('seed', 'must be a finite number');
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 1))
    throw invalid('topK', 'must be a positive integer');
  if (o.proxyThreshold !== undefined && !(o.proxyThreshold >= 0 && o.proxyThreshold <= 1)) {
    throw invalid('proxyThreshold', 'must be a number in [0, 1]');
  }
  return columns;
}
