/**
 * Gathers the included rows of a column into a dense array, so every later loop runs over
 * 0..m-1 without an index indirection. With no row filter the column itself is returned (no copy).
 */

export function gatherNumeric(values: Float64Array, rows: Uint32Array | null): Float64Array {
  if (rows === null) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

export function gatherCodes(codes: Int32Array, rows: Uint32Array | null): Int32Array {
  if (rows === null) return codes;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = codes[rows[i]];
  return out;
}

export function gatherDecisions(decisions: Uint8Array, rows: Uint32Array | null): Uint8Array {
  if (rows === null) return decisions;
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = decisions[rows[i]];
  return out;
}
