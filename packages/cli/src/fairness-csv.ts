/** The engine's CSV scanner, re-exported so CLI modules share one import site. */
export { scanCsv, CsvTableBuilder } from '@ethixai/fairness';
export type { CsvColumnRequest, CsvScanOptions, CsvTable } from '@ethixai/fairness';
