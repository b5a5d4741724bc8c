/** What the CSV scanner materialises and the limits it enforces. */
import { FairnessError } from '../errors.ts';
import type { Table } from '../table.ts';

export type CsvColumnKind = 'categorical' | 'numeric' | 'auto';

export interface CsvColumnRequest {
  readonly name: string;
  /** categorical: dictionary codes; numeric: Float64 (a non-number is an error); auto: by content. */
  readonly as: CsvColumnKind;
}

export interface CsvScanOptions {
  /** Columns to materialise; every other column is only skipped over. Default: all, as `auto`. */
  readonly columns?: readonly CsvColumnRequest[];
  /** One ASCII character; default ','. */
  readonly delimiter?: string;
  /** Data rows (not counting the header). */
  readonly maxRows?: number;
  readonly maxColumns?: number;
  readonly maxBytes?: number;
  /** Total input size when known in advance (file size, Content-Length): sizes the columns once. */
  readonly expectedBytes?: number;
}

export interface CsvTable extends Table {
  /** Every header name in file order, duplicates included. */
  readonly header: readonly string[];
}

export interface ResolvedCsvOptions {
  readonly columns: readonly CsvColumnRequest[] | undefined;
  readonly delimiter: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxBytes: number;
  readonly expectedBytes: number;
}

export function resolveCsvOptions(options: CsvScanOptions): ResolvedCsvOptions {
  const delimiter = options.delimiter ?? ',';
  const code = delimiter.charCodeAt(0);
  // Digits and '.' are part of numbers: the scanner parses numbers while it looks for the delimiter.
  if (delimiter.length !== 1 || code > 0x7f || /["\r\n0-9.]/.test(delimiter)) {
    throw new FairnessError(
      'FAIR_ERR_INVALID_CONFIG',
      `delimiter must be one ASCII character other than a quote, a line break, a digit or ".", got ${JSON.stringify(delimiter)}`,
      { field: 'delimiter' },
    );
  }
  return {
    columns: options.columns === undefined ? undefined : uniqueRequests(options.columns),
    delimiter: code,
    maxRows: limit(options.maxRows, 'maxRows'),
    maxColumns: limit(options.maxColumns, 'maxColumns'),
    maxBytes: limit(options.maxBytes, 'maxBytes'),
    expectedBytes: options.expectedBytes ?? 0,
  };
}

function limit(value: number | undefined, name: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!(value >= 0))
    throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `${name} must be a non-negative number`, { field: name });
  return value;
}

/** The same column asked for twice is fine when asked the same way. */
function uniqueRequests(requests: readonly CsvColumnRequest[]): CsvColumnRequest[] {
  const byName = new Map<string, CsvColumnRequest>();
  for (const request of requests) {
    const seen = byName.get(request.name);
    if (seen !== undefined && seen.as !== request.as) {
      throw new FairnessError(
        'FAIR_ERR_INVALID_CONFIG',
        `column "${request.name}" is requested both as ${seen.as} and as ${request.as}`,
        { column: request.name },
      );
    }
    if (!['categorical', 'numeric', 'auto'].includes(request.as)) {
      throw new FairnessError(
        'FAIR_ERR_INVALID_CONFIG',
        `column "${request.name}": "as" must be categorical, numeric or auto`,
        { column: request.name },
      );
    }
    byName.set(request.name, request);
  }
  return [...byName.values()];
}
