/**
 * Reads one RFC 4180 field at a time from bytes. The unquoted case is the hot path (a plain byte
 * loop, fields are short); quoted fields jump from quote to quote with `indexOf`.
 *
 * A quote inside an unquoted field is kept as data (real files hold `5'10"`); after a closing
 * quote only a delimiter or the end of the record may follow.
 */
import { FairnessError } from '../errors.ts';

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** Outcome of `read`. */
export const FIELD_DONE = 0;
export const FIELD_NEEDS_MORE_INPUT = 1;

export class FieldReader {
  /** Value range, after `read`: `bytes[start, end)`, or `scratch[0, end)` when `unescaped`. */
  start = 0;
  end = 0;
  /** Where the next field or record begins. */
  next = 0;
  endOfRecord = false;
  /** The value held doubled quotes and was copied, without them, into `scratch`. */
  unescaped = false;
  /** Line feeds inside the field and its terminator (to keep physical line numbers right). */
  newlines = 0;
  scratch = new Uint8Array(256);
  private readonly delimiter: number;

  constructor(delimiter: number) {
    this.delimiter = delimiter;
  }

  /**
   * Reads the field that starts at `pos`. `line` is the physical line where it starts (for the
   * unterminated-quote message). Without `final`, a field touching `end` may continue in input
   * not seen yet, so the answer is FIELD_NEEDS_MORE_INPUT.
   */
  read(bytes: Uint8Array, pos: number, end: number, final: boolean, line: number): number {
    if (pos < end && bytes[pos] === QUOTE) return this.readQuoted(bytes, pos, end, final, line);
    const delimiter = this.delimiter;
    let p = pos;
    let c = 0;
    while (p < end) {
      c = bytes[p];
      if (c === delimiter || c === LF) break;
      p++;
    }
    this.unescaped = false;
    this.start = pos;
    if (p < end && c === delimiter) {
      this.end = p;
      this.next = p + 1;
      this.endOfRecord = false;
      this.newlines = 0;
      return FIELD_DONE;
    }
    if (p >= end && !final) return FIELD_NEEDS_MORE_INPUT;
    this.end = p > pos && bytes[p - 1] === CR ? p - 1 : p;
    this.next = p < end ? p + 1 : p;
    this.endOfRecord = true;
    this.newlines = p < end ? 1 : 0;
    return FIELD_DONE;
  }

  private readQuoted(bytes: Uint8Array, pos: number, end: number, final: boolean, line: number): number {
    let p = pos + 1;
    let newlines = 0;
    let escaped = false;
    let close: number;
    for (;;) {
      const q = bytes.indexOf(QUOTE, p);
      const stop = q === -1 || q >= end ? end : q;
      for (let i = p; i < stop; i++) if (bytes[i] === LF) newlines++;
      if (stop === end) {
        if (!final) return FIELD_NEEDS_MORE_INPUT;
        throw new FairnessError('FAIR_ERR_CSV_UNTERMINATED_QUOTE', `line ${line}: a quoted field is never closed`, {
          line,
        });
      }
      if (q + 1 < end && bytes[q + 1] === QUOTE) {
        escaped = true;
        p = q + 2;
        continue;
      }
      if (q + 1 >= end && !final) return FIELD_NEEDS_MORE_INPUT;
      close = q;
      break;
    }
    const after = close + 1;
    if (after >= end) {
      this.finishQuoted(bytes, pos + 1, close, escaped, after, true, newlines);
      return FIELD_DONE;
    }
    const c = bytes[after];
    if (c === this.delimiter) this.finishQuoted(bytes, pos + 1, close, escaped, after + 1, false, newlines);
    else if (c === LF) this.finishQuoted(bytes, pos + 1, close, escaped, after + 1, true, newlines + 1);
    else if (c === CR && after + 1 >= end && !final) return FIELD_NEEDS_MORE_INPUT;
    else if (c === CR && (after + 1 >= end || bytes[after + 1] === LF)) {
      const next = Math.min(after + 2, end);
      this.finishQuoted(bytes, pos + 1, close, escaped, next, true, newlines + (next > after + 1 ? 1 : 0));
    } else {
      const at = line + newlines;
      throw new FairnessError(
        'FAIR_ERR_CSV_MALFORMED_QUOTE',
        `line ${at}: a closing quote is followed by data instead of a delimiter or the end of the line`,
        { line: at },
      );
    }
    return FIELD_DONE;
  }

  private finishQuoted(
    bytes: Uint8Array,
    start: number,
    end: number,
    escaped: boolean,
    next: number,
    endOfRecord: boolean,
    newlines: number,
  ): void {
    this.next = next;
    this.endOfRecord = endOfRecord;
    this.newlines = newlines;
    this.unescaped = escaped;
    if (!escaped) {
      this.start = start;
      this.end = end;
      return;
    }
    if (this.scratch.length < end - start) this.scratch = new Uint8Array((end - start) * 2);
    let n = 0;
    for (let i = start; i < end; i++) {
      this.scratch[n++] = bytes[i];
      if (bytes[i] === QUOTE) i++;
    }
    this.start = 0;
    this.end = n;
  }
}
