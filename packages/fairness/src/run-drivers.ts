/** Calls the drivers/proxies analysis (src/drivers) on the included rows when features are given. */
import type { Table } from './table.ts';
import { analyzeDrivers, type DriversResult } from './drivers/index.ts';
import type { SensitiveCodes } from './sensitive.ts';
import type { CellCounts } from './count-cells.ts';

export function runDrivers(
  table: Table,
  features: readonly string[],
  decode: () => Uint8Array,
  cells: CellCounts,
  sensitive: readonly SensitiveCodes[],
  seed: number,
): { value: DriversResult | null; reason: string | null } {
  if (features.length === 0) return { value: null, reason: 'no feature columns were given' };
  const decisions = decode();
  const cell = cells.cell();
  let included = 0;
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) included++;
  const rows = new Uint32Array(included);
  const clean = new Uint8Array(decisions.length);
  for (let i = 0, k = 0; i < cell.length; i++) {
    if (cell[i] >= 0) {
      rows[k++] = i;
      clean[i] = decisions[i];
    }
  }
  const value = analyzeDrivers({
    table,
    features: [...features],
    decisions: clean,
    rows: included === cell.length ? null : rows,
    sensitive: sensitive.map((s) => ({ name: s.name, codes: s.codes, levels: s.levels })),
    seed,
  });
  return { value, reason: null };
}
