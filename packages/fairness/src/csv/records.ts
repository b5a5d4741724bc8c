/**
 * The first records of a CSV as text, for a preview: read with the scanner's own field reader,
 * so quoting, line ends, a BOM and blank lines are treated exactly as when the data is audited.
 */
import { FIELD_NEEDS_MORE_INPUT, FieldReader } from './field-reader.ts';
import { resolveCsvOptions } from './options.ts';
import { blankLineEnd } from './record-scanner.ts';

export interface CsvRecordsOptions {
  /** At most this many records (the header counts as one). */
  readonly maxRecords: number;
  /** `bytes` is the whole input; otherwise only records that end inside `bytes` are returned. */
  readonly final: boolean;
  /** One ASCII character; default ','. */
  readonly delimiter?: string;
}

/** The records at the start of `bytes`, each as its fields' text (invalid UTF-8 decodes to U+FFFD). */
export function readCsvRecords(bytes: Uint8Array, options: CsvRecordsOptions): string[][] {
  const { delimiter } = resolveCsvOptions({ delimiter: options.delimiter });
  const { final, maxRecords } = options;
  const reader = new FieldReader(delimiter);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const end = bytes.length;
  const records: string[][] = [];
  let pos = end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (records.length < maxRecords && pos < end) {
    const blank = blankLineEnd(bytes, pos, end, final);
    if (blank === -1) break;
    if (blank > pos) {
      pos = blank;
      continue;
    }
    const fields: string[] = [];
    for (let p = pos; ;) {
      if (reader.read(bytes, p, end, final, records.length + 1) === FIELD_NEEDS_MORE_INPUT) return records;
      const source = reader.unescaped ? reader.scratch : bytes;
      fields.push(decoder.decode(source.subarray(reader.start, reader.end)));
      p = reader.next;
      if (!reader.endOfRecord) continue;
      pos = p;
      break;
    }
    records.push(fields);
  }
  return records;
}
