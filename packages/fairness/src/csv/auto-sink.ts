/**
 * A column typed by its content: numeric when every non-empty cell is a number, categorical
 * otherwise. While the column still looks numeric it also keeps dictionary codes (up to
 * AUTO_LEVEL_CAP distinct values), so when a text cell turns it categorical the earlier cells keep
 * their exact text ("01" stays "01"). Past the cap the earlier numbers are written back as
 * `String(value)`: only a many-valued numeric column with stray text loses its original spelling.
 */
import type { Column } from '../table.ts';
import { type ColumnSink, exact, resized } from './column-sinks.ts';
import { ByteDictionary } from './dictionary.ts';
import { parseSimpleDecimal } from './number.ts';

export const AUTO_LEVEL_CAP = 4096;

export class AutoSink implements ColumnSink {
  private values: Float64Array | null;
  private codes: Int32Array | null;
  private dictionary: ByteDictionary | null = new ByteDictionary();
  private capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.values = new Float64Array(capacity);
    this.codes = new Int32Array(capacity);
  }

  take(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    return this.takeParsed(row, bytes, start, end, start === end ? NaN : parseSimpleDecimal(bytes, start, end));
  }

  /** `take` with the cell already parsed as a number by the scanner (NaN when it is not one). */
  takeParsed(row: number, bytes: Uint8Array, start: number, end: number, value: number): boolean {
    const values = this.values;
    if (values !== null) {
      if (value === value || start === end) {
        values[row] = value;
        if (this.codes !== null) this.keepCode(row, bytes, start, end);
        return true;
      }
      this.becomeCategorical(row);
    }
    this.codes![row] = start === end ? -1 : this.dictionary!.intern(bytes, start, end);
    return true;
  }

  grow(capacity: number): void {
    this.capacity = capacity;
    if (this.values !== null) this.values = resized(this.values, capacity);
    if (this.codes !== null) this.codes = resized(this.codes, capacity);
  }

  finish(rowCount: number): Column {
    if (this.values !== null) return { kind: 'numeric', values: exact(this.values, rowCount) };
    return { kind: 'categorical', codes: exact(this.codes!, rowCount), levels: this.dictionary!.levels };
  }

  private keepCode(row: number, bytes: Uint8Array, start: number, end: number): void {
    this.codes![row] = start === end ? -1 : this.dictionary!.intern(bytes, start, end);
    if (this.dictionary!.size > AUTO_LEVEL_CAP) {
      this.codes = null;
      this.dictionary = null;
    }
  }

  /** Rows before `row` were all numbers (or empty); re-express them as codes. */
  private becomeCategorical(row: number): void {
    const values = this.values!;
    this.values = null;
    if (this.codes !== null) return;
    const dictionary = new ByteDictionary();
    const codes = new Int32Array(this.capacity);
    const encoder = new TextEncoder();
    for (let i = 0; i < row; i++) {
      const v = values[i];
      if (v !== v) {
        codes[i] = -1;
      } else {
        const text = encoder.encode(String(v));
        codes[i] = dictionary.intern(text, 0, text.length);
      }
    }
    this.codes = codes;
    this.dictionary = dictionary;
  }
}
