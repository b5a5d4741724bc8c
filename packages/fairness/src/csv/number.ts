/**
 * Number parsing straight from bytes, so numeric columns never allocate a string per cell.
 *
 * Grammar (what "parses as a number" means for `auto` columns): optional ASCII spaces/tabs, an
 * optional sign, digits with an optional fraction (`1`, `1.`, `.5`, `1.50`), an optional exponent
 * (`e-3`), optional spaces/tabs. Nothing else: `NaN`, `Infinity`, `0x10`, `1,5` are text.
 *
 * Up to 15 significant digits without an exponent the value is computed as `m / 10^f`: both
 * operands are exact doubles, so the one division is correctly rounded and equals `Number(text)`
 * (Clinger's fast path). Everything else is checked here and converted by `Number()`.
 */
const SPACE = 0x20;
const TAB = 0x09;
export const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;

/** Exact powers of ten (10^22 is the largest exact double power). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** The number in `bytes[start, end)`, or NaN when the text is not a number by the grammar above. */
export function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isBlank(bytes[start])) start++;
  while (end > start && isBlank(bytes[end - 1])) end--;
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
    negative = bytes[i] === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let fractionDigits = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    if (mantissa !== 0) significant++;
    digits++;
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      if (mantissa !== 0) significant++;
      fractionDigits++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (i === end && significant <= 15 && fractionDigits <= 22) {
    const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
    return negative ? -value : value;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) i++;
    const expStart = i;
    while (i < end && bytes[i] >= 48 && bytes[i] <= 57) i++;
    if (i === expStart) return NaN;
  }
  if (i !== end) return NaN;
  return Number(asciiText(bytes, start, end));
}

/** Bytes known to be ASCII as a string (only used on the rare slow path). */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/**
 * `parseNumber` with an inlinable front for the common cell: unsigned digits with at most one dot,
 * 15 characters or fewer (so the mantissa is an exact integer and the division correctly rounded).
 */
export function parseSimpleDecimal(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 15) return parseNumber(bytes, start, end);
  let mantissa = 0;
  let i = start;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  if (i === end) return i > start ? mantissa : NaN;
  if (bytes[i] !== DOT) return parseNumber(bytes, start, end);
  const dot = i;
  for (i++; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return parseNumber(bytes, start, end);
    mantissa = mantissa * 10 + d;
  }
  return end - start > 1 ? mantissa / POW10[end - dot - 1] : NaN;
}
