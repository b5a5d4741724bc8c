/**
 * The engine's CSV scanner. @ethixai/fairness does not re-export `csv/` from its index yet (its
 * owner was asked to add `export * from './csv/index.ts'`); until then this one file reaches into
 * the package source, so switching to `from '@ethixai/fairness'` is a one-line change here.
 */
export { scanCsv, CsvTableBuilder } from '../../fairness/src/csv/index.ts';
export type { CsvColumnRequest, CsvScanOptions, CsvTable } from '../../fairness/src/csv/index.ts';
