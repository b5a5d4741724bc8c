/**
 * The hot loop: data records into column sinks. Blank lines are skipped (as pandas does), a
 * record with another field count than the header is an error naming its first physical line.
 *
 * Unquoted cells (nearly all of them) are read in one pass that also does the column's work:
 * a categorical cell is hashed and a numeric cell parsed while the delimiter is searched for.
 * Quoted cells go through FieldReader and the sinks' generic `take`.
 */
import { FairnessError } from '../errors.ts';
import { AutoSink } from './auto-sink.ts';
import { CategoricalSink, type ColumnSink, NumericSink } from './column-sinks.ts';
import { FIELD_NEEDS_MORE_INPUT, type FieldReader } from './field-reader.ts';
import { parseNumber, POW10 } from './number.ts';

const DOT = 0x2e;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// FNV-1a, as ByteDictionary.intern computes it (local constants: imported bindings are not folded).
const HASH_SEED = -2128831035;
const HASH_PRIME = 16777619;

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
  private readonly reader: FieldReader;
  private readonly delimiter: number;
  private readonly sinks: readonly (ColumnSink | null)[];
  private readonly names: readonly string[];
  private readonly limits: ScanLimits;

  constructor(
    reader: FieldReader,
    delimiter: number,
    sinks: readonly (ColumnSink | null)[],
    names: readonly string[],
    limits: ScanLimits,
    firstLine: number,
    initialCapacity: number,
  ) {
    this.reader = reader;
    this.delimiter = delimiter;
    this.sinks = sinks;
    this.names = names;
    this.limits = limits;
    this.line = firstLine;
    this.capacity = initialCapacity;
    this.categorical = sinks.map((sink) => (sink instanceof CategoricalSink ? sink : null));
    this.numeric = sinks.map((sink) => (sink instanceof NumericSink ? sink : null));
    this.auto = sinks.map((sink) => (sink instanceof AutoSink ? sink : null));
    this.kinds = Uint8Array.from(sinks, (sink) =>
      sink instanceof CategoricalSink
        ? KIND_CATEGORICAL
        : sink instanceof NumericSink
          ? KIND_NUMERIC
          : sink instanceof AutoSink
            ? KIND_AUTO
            : KIND_SKIP,
    );
  }

  /** Consumes whole records of `bytes[pos, end)`; returns where the first unconsumed one starts. */
  scan(bytes: Uint8Array, pos: number, end: number, final: boolean): number {
    const { reader, kinds, categorical, numeric, auto, delimiter } = this;
    const pow10 = POW10;
    const fieldCount = kinds.length;
    // Letters and digits sort above both stop bytes: one comparison rules most bytes out.
    const stopMax = Math.max(delimiter, LF);
    const begin = pos;
    let line = this.line;
    records: while (pos < end) {
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
        const kind = field < fieldCount ? kinds[field] : KIND_SKIP;
        let next: number;
        let endOfRecord: boolean;
        if (p < end && bytes[p] === QUOTE) {
          if (reader.read(bytes, p, end, final, line + newlines) === FIELD_NEEDS_MORE_INPUT) break records;
          if (kind !== KIND_SKIP) {
            const source = reader.unescaped ? reader.scratch : bytes;
            if (!this.sinks[field]!.take(row, source, reader.start, reader.end)) {
              this.notNumeric(field, source, reader.start, reader.end, line + newlines);
            }
          }
          newlines += reader.newlines;
          next = reader.next;
          endOfRecord = reader.endOfRecord;
        } else {
          let q = p;
          let c = 0;
          let hash = HASH_SEED;
          let hashBefore = HASH_SEED;
          let mantissa = 0;
          let dot = -1;
          let badAt = -1;
          if (kind === KIND_SKIP) {
            while (q < end) {
              c = bytes[q];
              if (c <= stopMax && (c === delimiter || c === LF)) break;
              q++;
            }
          } else if (kind === KIND_CATEGORICAL) {
            while (q < end) {
              c = bytes[q];
              if (c <= stopMax && (c === delimiter || c === LF)) break;
              hashBefore = hash;
              hash = Math.imul(hash ^ c, HASH_PRIME);
              q++;
            }
          } else {
            while (q < end) {
              c = bytes[q];
              const digit = c - 48;
              if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
              else if (c <= stopMax && (c === delimiter || c === LF)) break;
              else if (c === DOT && dot === -1) dot = q;
              else if (badAt === -1) badAt = q;
              q++;
            }
          }
          endOfRecord = !(q < end && c === delimiter);
          if (endOfRecord && q >= end && !final) break records;
          // A record's CR before its LF (or at the very end) is not part of the last cell.
          const strippedCr = endOfRecord && q > p && bytes[q - 1] === CR;
          const stop = strippedCr ? q - 1 : q;
          if (kind === KIND_CATEGORICAL) {
            categorical[field]!.takeHashed(row, bytes, p, stop, strippedCr ? hashBefore : hash);
          } else if (kind !== KIND_SKIP) {
            const length = stop - p;
            const simple =
              (badAt === -1 || (strippedCr && badAt === stop)) && length <= 15 && length > (dot === -1 ? 0 : 1);
            const value =
              length === 0
                ? NaN
                : simple
                  ? dot === -1
                    ? mantissa
                    : mantissa / pow10[stop - dot - 1]
                  : parseNumber(bytes, p, stop);
            if (kind === KIND_NUMERIC) {
              if (value !== value && length > 0) this.notNumeric(field, bytes, p, stop, line + newlines);
              numeric[field]!.set(row, value);
            } else {
              auto[field]!.takeParsed(row, bytes, p, stop, value);
            }
          }
          if (endOfRecord && q < end) newlines++;
          next = q < end ? q + 1 : q;
        }
        field++;
        p = next;
        if (!endOfRecord) continue;
        if (field !== fieldCount) this.ragged(line, field);
        if (row + 1 > this.limits.maxRows) {
          throw new FairnessError(
            'FAIR_ERR_LIMIT_EXCEEDED',
            `line ${line}: more than ${this.limits.maxRows} data rows`,
            { limit: 'maxRows', line },
          );
        }
        this.rowCount = row + 1;
        line += newlines;
        pos = p;
        break;
      }
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
