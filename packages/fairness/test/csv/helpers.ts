import { expect } from 'vitest';
import { type CsvScanOptions, type CsvTable, scanCsv } from '../../src/csv/index.ts';
import { FairnessError } from '../../src/errors.ts';
import type { Column } from '../../src/table.ts';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function scanText(text: string, options?: CsvScanOptions): CsvTable {
  return scanCsv(utf8(text), options);
}

/** A column's cells as text ('' for missing), whatever its kind. */
export function cells(column: Column | undefined): string[] {
  if (column === undefined) throw new Error('no such column');
  if (column.kind === 'numeric') return Array.from(column.values, (v) => (Number.isNaN(v) ? '' : String(v)));
  return Array.from(column.codes, (code) => (code === -1 ? '' : column.levels[code]));
}

/** Runs `fn`, expects a FairnessError with `code`, returns it for further checks. */
export function fairnessError(fn: () => unknown, code: string): FairnessError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FairnessError);
    expect((error as FairnessError).code).toBe(code);
    return error as FairnessError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}
