/** Rows the audit left out, by reason (only reasons that occurred). */
import type { CellCounts } from './count-cells.ts';

export function exclusionList(c: CellCounts): { reason: string; rows: number }[] {
  const all = [
    { reason: 'label missing', rows: c.excluded.label },
    { reason: 'decision missing (prediction or score)', rows: c.excluded.decision },
    { reason: 'weight missing, negative, not finite, or outside [1e-100, 1e100] and not 0', rows: c.excluded.weight },
    { reason: 'sensitive value missing (policy drop)', rows: c.excluded.sensitive },
  ];
  return all.filter((e) => e.rows > 0);
}
