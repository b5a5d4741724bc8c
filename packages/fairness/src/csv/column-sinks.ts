/**
 * Growable typed columns that CSV cells are written into, one per materialised column.
 * `take` gets a complete cell's bytes; an empty cell is missing (-1 code, NaN value).
 */
import type { CategoricalColumn, Column, NumericColumn } from '../table.ts';
import { ByteDictionary } from './dictionary.ts';
import { parseSimpleDecimal } from './number.ts';

export interface ColumnSink {
  /** Stores the cell of `row`; false when the cell is not a number and the column must be numeric. */
  take(row: number, bytes: Uint8Array, start: number, end: number): boolean;
  grow(capacity: number): void;
  finish(rowCount: number): Column;
}

export class CategoricalSink implements ColumnSink {
  private codes: Int32Array;
  private readonly dictionary = new ByteDictionary();

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
  }

  take(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    this.codes[row] = start === end ? -1 : this.dictionary.intern(bytes, start, end);
    return true;
  }

  takeHashed(row: number, bytes: Uint8Array, start: number, end: number, hash: number): void {
    this.codes[row] = start === end ? -1 : this.dictionary.internHashed(bytes, start, end, hash);
  }

  grow(capacity: number): void {
    this.codes = resized(this.codes, capacity);
  }

  finish(rowCount: number): CategoricalColumn {
    return { kind: 'categorical', codes: exact(this.codes, rowCount), levels: this.dictionary.levels };
  }
}

export class NumericSink implements ColumnSink {
  private values: Float64Array;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  take(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (start === end) {
      this.values[row] = NaN;
      return true;
    }
    const value = parseSimpleDecimal(bytes, start, end);
    this.values[row] = value;
    return value === value;
  }

  /** Stores a value the scanner parsed itself (NaN = missing). */
  set(row: number, value: number): void {
    this.values[row] = value;
  }

  grow(capacity: number): void {
    this.values = resized(this.values, capacity);
  }

  finish(rowCount: number): NumericColumn {
    return { kind: 'numeric', values: exact(this.values, rowCount) };
  }
}

export function resized<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array.subarray(0, Math.min(array.length, capacity)));
  return bigger;
}

/**
 * The first `rowCount` entries. A view when the slack is small (sizing from the expected byte
 * count usually overshoots by a few %), a copy otherwise so a doubled buffer is not kept alive.
 */
export function exact<T extends Int32Array | Float64Array>(array: T, rowCount: number): T {
  if (array.length === rowCount) return array;
  return (array.length <= rowCount * 1.125 ? array.subarray(0, rowCount) : array.slice(0, rowCount)) as T;
}
