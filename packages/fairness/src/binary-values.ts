/**
 * The engine's reading of a label or decision column, for audits that see only its distinct values
 * (counts computed where the data lives): which values are positive, with the same checks and
 * messages as a full audit (a non-binary column without positive values, a positive value that does
 * not occur). Text values are read as a text column, numbers as a numeric one.
 */
import { binarySource, MISSING } from './columns.ts';
import type { Column } from './table.ts';

/** Per distinct value (missing ones left out) 1 when positive, else 0. */
export function binaryValues(
  values: readonly string[] | readonly number[],
  positives: readonly string[] | null,
  column: string,
  field: string,
): (0 | 1)[] {
  const numeric = values.length > 0 && typeof values[0] === 'number';
  const col: Column = numeric
    ? { kind: 'numeric', values: Float64Array.from(values as readonly number[]) }
    : {
        kind: 'categorical',
        codes: Int32Array.from({ length: values.length }, (_, i) => i),
        levels: values as readonly string[],
      };
  const { codes, lut } = binarySource(col, positives, column, field);
  return Array.from(codes, (code) => {
    const v = lut[code + 1];
    if (v === MISSING) throw new TypeError('binaryValues: a missing value was passed');
    return v as 0 | 1;
  });
}
