export { scanCsv } from './scan.ts';
export { CsvTableBuilder } from './table-builder.ts';
export { readCsvRecords, type CsvRecordsOptions } from './records.ts';
export type { CsvColumnKind, CsvColumnRequest, CsvScanOptions, CsvTable } from './options.ts';
export { parseNumber } from './number.ts';
export { CsvProfiler, PROFILE_VALUE_CAP, type CsvProfile } from './profiler.ts';
export type { ColumnProfile, ColumnType, ValueCount } from './profile-sink.ts';
