/** Aligned plain-text columns for terminal output. */
export function grid(
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
  indent = '  ',
): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - [...cell].length);
          return rightAligned.has(i) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
  );
}
