import type { CsvScanOptions, CsvTable } from './options.ts';
import { CsvTableBuilder } from './table-builder.ts';

/** Scans a whole CSV held in memory (e.g. one `readFile`) into typed columns. */
export function scanCsv(bytes: Uint8Array, options: CsvScanOptions = {}): CsvTable {
  const builder = new CsvTableBuilder({ expectedBytes: bytes.length, ...options });
  builder.push(bytes);
  return builder.finish();
}
