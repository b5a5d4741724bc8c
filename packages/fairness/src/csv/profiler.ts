/**
 * Profiles a CSV fed in chunks: the same scan (and so the same structural errors, with their
 * lines) as CsvTableBuilder, with a ProfileSink per column instead of a stored column.
 */
import { FairnessError } from '../errors.ts';
import { ProfileSink, type ColumnProfile } from './profile-sink.ts';
import { CsvTableBuilder } from './table-builder.ts';

export interface CsvProfile {
  /** Every header name in file order, duplicates included. */
  readonly header: string[];
  readonly rowCount: number;
  /** One per distinct header name, in header order (a repeated name is profiled at its first position). */
  readonly columns: ColumnProfile[];
}

/** The default number of distinct values kept per column. */
export const PROFILE_VALUE_CAP = 200;

export class CsvProfiler {
  private readonly builder: CsvTableBuilder;
  private readonly sinks: ProfileSink[] = [];

  constructor(options: { readonly valueCap?: number; readonly delimiter?: string } = {}) {
    const cap = options.valueCap ?? PROFILE_VALUE_CAP;
    if (!(Number.isInteger(cap) && cap >= 0)) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', 'valueCap must be a non-negative integer', {
        field: 'valueCap',
      });
    }
    this.builder = new CsvTableBuilder({ delimiter: options.delimiter }, () => {
      const sink = new ProfileSink(cap);
      this.sinks.push(sink);
      return sink;
    });
  }

  push(chunk: Uint8Array): void {
    this.builder.push(chunk);
  }

  finish(): CsvProfile {
    const table = this.builder.finish();
    // Sinks are made in header order of the names they profile (see planColumns).
    const names = [...table.columns.keys()];
    return {
      header: [...table.header],
      rowCount: table.rowCount,
      columns: this.sinks.map((sink, i) => sink.profile(names[i])),
    };
  }
}
