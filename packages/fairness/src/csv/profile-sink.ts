/**
 * A column profile instead of a column: whether every non-empty cell is a number, the range of
 * the numbers, missing cells, and the distinct values with their counts while there are at most
 * `cap` of them. No per-row storage, so profiling a file costs O(columns x cap) memory whatever
 * its length. It rides the scanner's `auto` path (a subclass of AutoSink), whose cells arrive
 * already parsed as numbers; the engine's own columns never use it.
 */
import type { Column } from '../table.ts';
import { AutoSink } from './auto-sink.ts';
import { ByteDictionary } from './dictionary.ts';

export type ColumnType = 'numeric' | 'categorical' | 'empty';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  /** numeric: every non-empty cell is a number; empty: no non-empty cell. */
  readonly type: ColumnType;
  /** Empty cells. */
  readonly missing: number;
  /** Distinct non-empty values; null when there are more than the cap. */
  readonly distinct: number | null;
  /** Each distinct value with its count, most frequent first (ties by first appearance); null past the cap. */
  readonly values: ValueCount[] | null;
  /** Smallest and largest number of a numeric column; null otherwise. */
  readonly min: number | null;
  readonly max: number | null;
}

export class ProfileSink extends AutoSink {
  private readonly valueCap: number;
  private seen: ByteDictionary | null = new ByteDictionary();
  private counts: number[] = [];
  private missing = 0;
  private present = 0;
  private numeric = true;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  /** The scanner re-delivers the cells of a record cut by a chunk end: each row counts once. */
  private lastRow = -1;

  constructor(cap: number) {
    super(0);
    this.valueCap = cap;
  }

  override takeParsed(row: number, bytes: Uint8Array, start: number, end: number, value: number): boolean {
    if (row === this.lastRow) return true;
    this.lastRow = row;
    if (start === end) {
      this.missing++;
      return true;
    }
    this.present++;
    if (value === value) {
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
    } else {
      this.numeric = false;
    }
    const dictionary = this.seen;
    if (dictionary !== null) {
      const code = dictionary.intern(bytes, start, end);
      if (code === this.counts.length) this.counts.push(1);
      else this.counts[code]++;
      if (dictionary.size > this.valueCap) {
        this.seen = null;
        this.counts = [];
      }
    }
    return true;
  }

  override grow(): void {
    // Nothing is stored per row.
  }

  /** The profiler reads `profile()`; a table of profiles has no rows. */
  override finish(): Column {
    return { kind: 'numeric', values: new Float64Array(0) };
  }

  profile(name: string): ColumnProfile {
    const type: ColumnType = this.present === 0 ? 'empty' : this.numeric ? 'numeric' : 'categorical';
    const levels = this.seen?.levels;
    const values =
      levels === undefined
        ? null
        : levels
            .map((value, i) => ({ value, count: this.counts[i], i }))
            .sort((a, b) => b.count - a.count || a.i - b.i)
            .map(({ value, count }) => ({ value, count }));
    return {
      name,
      type,
      missing: this.missing,
      distinct: values === null ? null : values.length,
      values,
      min: type === 'numeric' ? this.min : null,
      max: type === 'numeric' ? this.max : null,
    };
  }
}
