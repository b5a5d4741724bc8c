/**
 * A tiny audit with counts worked out by hand:
 *   group a: (y,p) = (1,1) (1,0) (0,1) (0,0)  -> tp 1, fn 1, fp 1, tn 1
 *   group b: (y,p) = (1,1) (1,1) (0,0) (0,0)  -> tp 2, fn 0, fp 0, tn 2
 */
export const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'] } as const;

export const COLUMNS = {
  g: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
  y: [1, 1, 0, 0, 1, 1, 0, 0],
  p: [1, 0, 1, 0, 1, 1, 0, 0],
};

export const ROWS = COLUMNS.g.map((g, i) => ({ g, y: COLUMNS.y[i], p: COLUMNS.p[i] }));

export const CSV = `g,y,p\n${ROWS.map((r) => `${r.g},${r.y},${r.p}`).join('\n')}\n`;
export const CSV_QUERY = 'label=y&prediction=p&sensitive=g';

export const EXPECTED_GROUPS = {
  a: { tp: 1, fn: 1, fp: 1, tn: 1 },
  b: { tp: 2, fn: 0, fp: 0, tn: 2 },
};

interface GroupCounts {
  key: string;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts per group of the first attribute of an AuditResult body. */
export function groupCounts(result: {
  attributes: { groups: GroupCounts[] }[];
}): Record<string, Omit<GroupCounts, 'key'>> {
  const out: Record<string, Omit<GroupCounts, 'key'>> = {};
  for (const { key, tp, fp, tn, fn } of result.attributes[0].groups) out[key] = { tp, fn, fp, tn };
  return out;
}
