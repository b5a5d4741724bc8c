/**
 * Decoding the configured columns into compact arrays: label and decision as 0/1 bytes (255 =
 * missing), numbers as Float64Array (NaN = missing). Errors name the column.
 */
import type { Column, Table } from './table.ts';
import { FairnessError } from './errors.ts';

export const MISSING = 255;

export function getColumn(table: Table, name: string, field: string): Column {
  if (table.duplicateNames?.has(name)) {
    throw new FairnessError(
      'FAIR_ERR_DUPLICATE_COLUMN',
      `${field}: column "${name}" appears more than once in the header`,
      { column: name, field },
    );
  }
  const col = table.columns.get(name);
  if (!col)
    throw new FairnessError('FAIR_ERR_COLUMN_NOT_FOUND', `${field}: column "${name}" is not in the data`, {
      column: name,
      field,
    });
  return col;
}

const POSITIVE_BY_PAIR: Record<string, string> = { '0|1': '1', 'false|true': 'true', 'no|yes': 'yes', 'n|y': 'y' };

const SHOWN_VALUES = 20;

/** The column's distinct values as the file spells them, quoted, so a stray space or case shows. */
export function valuesFound(values: readonly string[]): string {
  const shown = values
    .slice(0, SHOWN_VALUES)
    .map((v) => JSON.stringify(v))
    .join(', ');
  return values.length > SHOWN_VALUES ? `${shown}, … (${values.length} distinct values)` : shown;
}

function defaultPositive(values: string[], name: string): string {
  const norm = [...new Set(values.map((v) => v.trim().toLowerCase()))].sort();
  for (const [pair, pos] of Object.entries(POSITIVE_BY_PAIR)) {
    const allowed = pair.split('|');
    if (norm.every((v) => allowed.includes(v))) return pos;
  }
  throw new FairnessError(
    'FAIR_ERR_NOT_BINARY',
    `column "${name}" has values ${valuesFound(values)}; say which are positive`,
    { column: name },
  );
}

/** A column holding one class of a known binary pair (all "0", all "no", ...), the other one named positive. */
function otherClassOfPair(missing: readonly string[], found: readonly string[]): boolean {
  if (found.length !== 1 || missing.length !== 1) return false;
  const pair = [found[0], missing[0]]
    .map((v) => v.trim().toLowerCase())
    .sort()
    .join('|');
  return pair in POSITIVE_BY_PAIR && POSITIVE_BY_PAIR[pair] === missing[0].trim().toLowerCase();
}

/**
 * Every value given as positive must occur in the column: a misspelt one would otherwise make
 * every outcome negative and the audit pass silently. The exceptions: a column with no values at
 * all (the empty-input error says more), and a binary column that holds only the negative class.
 */
function checkPositivesOccur(
  given: readonly string[],
  occurs: (v: string) => boolean,
  found: readonly string[],
  name: string,
  field: string,
): void {
  const missing = given.filter((v) => !occurs(v));
  if (missing.length === 0 || found.length === 0 || otherClassOfPair(missing, found)) return;
  throw new FairnessError(
    'FAIR_ERR_POSITIVE_NOT_FOUND',
    `config.${field}: ${missing.map((v) => JSON.stringify(v)).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not occur in column "${name}"; ` +
      `the values found are ${valuesFound(found)}`,
    { column: name, field, value: missing.join(',') },
  );
}

/**
 * A binary column (label or decision) as integer codes and a lookup table: lut[code + 1] is 1
 * (positive), 0 or MISSING. Categorical columns are used as they are (no copy); numeric ones are
 * coded −1 / 0 / 1 once. The counting loop reads codes through the table, so it needs no decoded copy.
 */
export interface BinarySource {
  codes: Int32Array;
  lut: Uint8Array;
}

const NUMERIC_LUT = Uint8Array.of(MISSING, 0, 1);

/** Checks up front that the column is binary when no positive value is given (errors name the column). */
export function binarySource(
  col: Column,
  positives: readonly string[] | null,
  name: string,
  field: string,
): BinarySource {
  if (col.kind === 'categorical') {
    if (positives) checkPositivesOccur(positives, (v) => col.levels.includes(v), col.levels, name, field);
    const pos = positives ?? [defaultPositive([...col.levels], name)];
    const wanted = new Set(pos.map((p) => (positives ? p : p.toLowerCase())));
    const lut = new Uint8Array(col.levels.length + 1);
    lut[0] = MISSING;
    col.levels.forEach((l, i) => {
      lut[i + 1] = wanted.has(positives ? l : l.trim().toLowerCase()) ? 1 : 0;
    });
    return { codes: col.codes, lut };
  }
  const vals = col.values;
  let posNums: number[];
  if (positives) {
    const seen = new Set<number>();
    for (let i = 0; i < vals.length; i++) if (vals[i] === vals[i]) seen.add(vals[i]);
    const distinct = [...seen];
    const asNumber = (v: string) => (v.trim() === '' ? NaN : Number(v));
    checkPositivesOccur(positives, (v) => distinct.includes(asNumber(v)), distinct.map(String), name, field);
    posNums = positives.map(asNumber);
  } else {
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v === v && v !== 0 && v !== 1) {
        throw new FairnessError(
          'FAIR_ERR_NOT_BINARY',
          `column "${name}" holds ${v}, not only 0 and 1; say which values are positive`,
          { column: name },
        );
      }
    }
    posNums = [1];
  }
  const codes = new Int32Array(vals.length);
  const single = posNums.length === 1 ? posNums[0] : NaN;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    codes[i] = v !== v ? -1 : (posNums.length === 1 ? v === single : posNums.includes(v)) ? 1 : 0;
  }
  return { codes, lut: NUMERIC_LUT };
}

/** 0/1 per row, MISSING where missing (for the passes that need a per-row array: AUC, calibration, drivers). */
export function decodeAll(src: BinarySource): Uint8Array {
  const { codes, lut } = src;
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = lut[codes[i] + 1];
  return out;
}

/** Numeric values; a categorical column is accepted when every level parses as a number. */
export function decodeNumeric(col: Column, name: string, field: string): Float64Array {
  if (col.kind === 'numeric') return col.values;
  const lut = col.levels.map((l) => {
    const n = l.trim() === '' ? NaN : Number(l);
    if (Number.isNaN(n)) {
      throw new FairnessError('FAIR_ERR_NOT_NUMERIC', `${field}: column "${name}" holds the non-numeric value "${l}"`, {
        column: name,
        field,
        value: l,
      });
    }
    return n;
  });
  const out = new Float64Array(col.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = col.codes[i];
    out[i] = c < 0 ? NaN : lut[c];
  }
  return out;
}

/** Decision from a score: score ≥ threshold is positive. */
export function thresholdSource(scores: Float64Array, threshold: number): BinarySource {
  const codes = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    codes[i] = s !== s ? -1 : s >= threshold ? 1 : 0;
  }
  return { codes, lut: NUMERIC_LUT };
}
