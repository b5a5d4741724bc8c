/**
 * The hot loop: data records into column sinks. Blank lines are skipped (as pandas does), a
 * record with another field count than the header is an error naming its first physical line.
 */
import { FairnessError } from '../errors.ts';
import { AutoSink } from './auto-sink.ts';
import { CategoricalSink, type ColumnSink, NumericSink } from './column-sinks.ts';
import { CR, FIELD_NEEDS_MORE_INPUT, type FieldReader, LF, QUOTE } from './field-reader.ts';

const KIND_SKIP = 0;
const KIND_CATEGORICAL = 1;
const KIND_NUMERIC = 2;
const KIND_AUTO = 3;

export interface ScanLimits {
  readonly maxRows: number;
  /** Total input size when known, to size columns in one step. */
  readonly expectedBytes: number;
}

export class RecordScanner {
  rowCount = 0;
  /** Physical line (1-based) where the next record starts. */
  line: number;
  private capacity: number;
  private bytesConsumed = 0;

  private readonly kinds: Uint8Array;
  // One array per sink class keeps each call site in the loop monomorphic.
  private readonly categorical: (CategoricalSink | null)[];
  private readonly numeric: (NumericSink | null)[];
  private readonly auto: (AutoSink | null)[];

  constructor(
    private readonly reader: FieldReader,
    private readonly delimiter: number,
    private readonly sinks: readonly (ColumnSink | null)[],
    private readonly names: readonly string[],
    private readonly limits: ScanLimits,
    firstLine: number,
    initialCapacity: number,
  ) {
    this.line = firstLine;
    this.capacity = initialCapacity;
    this.categorical = sinks.map((sink) => (sink instanceof CategoricalSink ? sink : null));
    this.numeric = sinks.map((sink) => (sink instanceof NumericSink ? sink : null));
    this.auto = sinks.map((sink) => (sink instanceof AutoSink ? sink : null));
    this.kinds = Uint8Array.from(sinks, (sink) =>
      sink instanceof CategoricalSink ? KIND_CATEGORICAL : sink instanceof NumericSink ? KIND_NUMERIC : sink instanceof AutoSink ? KIND_AUTO : KIND_SKIP);
  }

  /** Consumes whole records of `bytes[pos, end)`; returns where the first unconsumed one starts. */
  scan(bytes: Uint8Array, pos: number, end: number, final: boolean): number {
    const { reader, kinds, categorical, numeric, auto } = this;
    const fieldCount = kinds.length;
    const delimiter = this.delimiter;
    const stopMax = Math.max(delimiter, LF);
    const begin = pos;
    let line = this.line;
    while (pos < end) {
      const blank = blankLineEnd(bytes, pos, end, final);
      if (blank === -1) break;
      if (blank > pos) {
        pos = blank;
        line++;
        continue;
      }
      if (this.rowCount === this.capacity) this.grow(pos - begin);
      const row = this.rowCount;
      let field = 0;
      let newlines = 0;
      let p = pos;
      for (;;) {
        // The unquoted field is inlined here: it is nearly every cell of every real file.
        let source = bytes;
        let start = p;
        let stop: number;
        let next: number;
        let endOfRecord: boolean;
        let fieldNewlines = 0;
        if (p < end && bytes[p] === QUOTE) {
          if (reader.read(bytes, p, end, final, line + newlines) === FIELD_NEEDS_MORE_INPUT) break;
          if (reader.unescaped) source = reader.scratch;
          start = reader.start;
          stop = reader.end;
          next = reader.next;
          endOfRecord = reader.endOfRecord;
          fieldNewlines = reader.newlines;
        } else {
          let q = p;
          let c = 0;
          while (q < end) {
            c = bytes[q];
            // One comparison for most bytes: letters and digits sort above both stop bytes.
            if (c <= stopMax && (c === delimiter || c === LF)) break;
            q++;
          }
          if (q < end && c === delimiter) {
            stop = q;
            next = q + 1;
            endOfRecord = false;
          } else {
            if (q >= end && !final) break;
            stop = q > p && bytes[q - 1] === CR ? q - 1 : q;
            next = q < end ? q + 1 : q;
            endOfRecord = true;
            fieldNewlines = q < end ? 1 : 0;
          }
        }
        if (field < fieldCount) {
          const kind = kinds[field];
          if (kind === KIND_CATEGORICAL) categorical[field]!.take(row, source, start, stop);
          else if (kind === KIND_NUMERIC) {
            if (!numeric[field]!.take(row, source, start, stop)) this.notNumeric(field, source, start, stop, line + newlines);
          } else if (kind === KIND_AUTO) auto[field]!.take(row, source, start, stop);
        }
        field++;
        newlines += fieldNewlines;
        p = next;
        if (endOfRecord) {
          if (field !== fieldCount) this.ragged(line, field);
          if (row + 1 > this.limits.maxRows) {
            throw new FairnessError('FAIR_ERR_LIMIT_EXCEEDED', `line ${line}: more than ${this.limits.maxRows} data rows`, { limit: 'maxRows', line });
          }
          this.rowCount = row + 1;
          line += newlines;
          pos = p;
          break;
        }
      }
      if (this.rowCount === row) break;
    }
    this.line = line;
    this.bytesConsumed += pos - begin;
    return pos;
  }

  private grow(bytesThisCall: number): void {
    const { expectedBytes } = this.limits;
    const consumed = this.bytesConsumed + bytesThisCall;
    let next = this.capacity * 2;
    if (expectedBytes > 0 && consumed > 0 && this.rowCount >= 1024) {
      const estimate = Math.ceil((this.rowCount * expectedBytes * 1.05) / consumed) + 16;
      if (estimate > this.rowCount) next = estimate;
    }
    next = Math.min(next, this.limits.maxRows + 1);
    for (const sink of this.sinks) sink?.grow(next);
    this.capacity = next;
  }

  private ragged(line: number, fields: number): never {
    const expected = this.sinks.length;
    throw new FairnessError(
      'FAIR_ERR_CSV_RAGGED_ROW',
      `line ${line} has ${fields} field${fields === 1 ? '' : 's'}, the header has ${expected}`,
      { line, fields, expected },
    );
  }

  private notNumeric(field: number, source: Uint8Array, start: number, stop: number, line: number): never {
    const value = new TextDecoder().decode(source.subarray(start, Math.min(stop, start + 60)));
    const column = this.names[field];
    throw new FairnessError(
      'FAIR_ERR_NOT_NUMERIC',
      `line ${line}: column "${column}" must be numeric, got ${JSON.stringify(value)}`,
      { line, column, value },
    );
  }
}

/**
 * End of the blank line at `pos` (LF or CRLF, or a lone CR at the very end), `pos` itself when the
 * line is not blank, or -1 when more input is needed to tell.
 */
export function blankLineEnd(bytes: Uint8Array, pos: number, end: number, final: boolean): number {
  const c = bytes[pos];
  if (c === LF) return pos + 1;
  if (c !== CR) return pos;
  if (pos + 1 < end) return bytes[pos + 1] === LF ? pos + 2 : pos;
  return final ? pos + 1 : -1;
}
