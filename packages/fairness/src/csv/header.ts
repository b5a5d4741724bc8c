/**
 * The header record: names, duplicates, and the plan saying which field feeds which column.
 */
import { FairnessError } from '../errors.ts';
import { AutoSink } from './auto-sink.ts';
import { CategoricalSink, type ColumnSink, NumericSink } from './column-sinks.ts';
import { FIELD_NEEDS_MORE_INPUT, type FieldReader } from './field-reader.ts';
import type { CsvColumnKind, ResolvedCsvOptions } from './options.ts';

export interface Header {
  readonly names: string[];
  /** Where the first data record starts, and the physical line it is on. */
  readonly next: number;
  readonly nextLine: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads the header record at `pos` (blank lines before it are skipped); null when more input is needed. */
export function readHeader(
  reader: FieldReader,
  bytes: Uint8Array,
  pos: number,
  end: number,
  final: boolean,
  line: number,
): Header | null {
  const names: string[] = [];
  let newlines = 0;
  for (;;) {
    if (reader.read(bytes, pos, end, final, line + newlines) === FIELD_NEEDS_MORE_INPUT) return null;
    const source = reader.unescaped ? reader.scratch : bytes;
    names.push(decoder.decode(source.subarray(reader.start, reader.end)));
    newlines += reader.newlines;
    pos = reader.next;
    if (reader.endOfRecord) break;
  }
  return { names, next: pos, nextLine: line + newlines };
}

export interface ColumnPlan {
  /** One entry per header field: the sink its cells go to, or null to skip them. */
  readonly sinks: (ColumnSink | null)[];
  /** Materialised columns: header position and name, in header order. */
  readonly outputs: { readonly field: number; readonly name: string }[];
  readonly duplicateNames: Set<string>;
}

export type SinkFactory = (as: CsvColumnKind, capacity: number) => ColumnSink;

export function planColumns(
  names: readonly string[],
  options: ResolvedCsvOptions,
  capacity: number,
  sinkFor: SinkFactory = newSink,
): ColumnPlan {
  if (names.length > options.maxColumns) {
    throw new FairnessError(
      'FAIR_ERR_LIMIT_EXCEEDED',
      `the header has ${names.length} columns, the limit is ${options.maxColumns}`,
      { limit: 'maxColumns', value: names.length },
    );
  }
  const firstIndex = new Map<string, number>();
  const duplicateNames = new Set<string>();
  names.forEach((name, i) => (firstIndex.has(name) ? duplicateNames.add(name) : firstIndex.set(name, i)));
  const wanted: { field: number; name: string; as: CsvColumnKind }[] = [];
  if (options.columns === undefined) {
    for (const [name, field] of firstIndex) wanted.push({ field, name, as: 'auto' });
  } else {
    for (const { name, as } of options.columns) {
      const field = firstIndex.get(name);
      if (field === undefined) throw notFound(name, names);
      if (duplicateNames.has(name)) {
        throw new FairnessError('FAIR_ERR_DUPLICATE_COLUMN', `column "${name}" appears more than once in the header`, {
          column: name,
        });
      }
      wanted.push({ field, name, as });
    }
  }
  wanted.sort((a, b) => a.field - b.field);
  const sinks: (ColumnSink | null)[] = names.map(() => null);
  for (const { field, as } of wanted) sinks[field] = sinkFor(as, capacity);
  return { sinks, outputs: wanted.map(({ field, name }) => ({ field, name })), duplicateNames };
}

function newSink(as: CsvColumnKind, capacity: number): ColumnSink {
  if (as === 'categorical') return new CategoricalSink(capacity);
  if (as === 'numeric') return new NumericSink(capacity);
  return new AutoSink(capacity);
}

function notFound(name: string, names: readonly string[]): FairnessError {
  const shown = names
    .slice(0, 20)
    .map((n) => JSON.stringify(n))
    .join(', ');
  const more = names.length > 20 ? `, … (${names.length} in all)` : '';
  return new FairnessError(
    'FAIR_ERR_COLUMN_NOT_FOUND',
    `column "${name}" is not in the header (columns: ${shown}${more})`,
    { column: name },
  );
}
