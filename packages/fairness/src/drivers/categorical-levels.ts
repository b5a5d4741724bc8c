/**
 * Collapses a categorical feature to its most frequent levels. A rare level gets an unstable
 * coefficient and a huge one-hot width; pooling the tail into one "other" level keeps the design
 * small (the fit is O(columns^2) per row) without hiding the levels that carry most rows.
 * A missing value is its own level: missingness itself can drive a decision or be a proxy.
 */
export interface CollapsedLevels {
  /** Original code -> collapsed level index. */
  map: Int32Array;
  /** Collapsed level index for a missing value (-1 when no value is missing). */
  missingLevel: number;
  /**
   * Code + 1 -> collapsed level (slot 0 is the missing code -1): hot loops read
   * `lookup[code + 1]` with no branch and no materialised array of collapsed codes.
   */
  lookup: Int32Array;
  names: { term: 'level' | 'other_levels' | 'missing_level'; level?: string }[];
  /** Rows per collapsed level. */
  counts: Float64Array;
}

export function collapseLevels(codes: Int32Array, levels: readonly string[], maxLevels: number): CollapsedLevels {
  const raw = new Float64Array(levels.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else raw[c]++;
  }
  const present: number[] = [];
  for (let c = 0; c < levels.length; c++) if (raw[c] > 0) present.push(c);
  // Most frequent first; ties keep the order of first appearance, so the result is deterministic.
  present.sort((a, b) => raw[b] - raw[a] || a - b);
  const kept = present.length > maxLevels ? present.slice(0, maxLevels - 1) : present;
  const map = new Int32Array(levels.length).fill(-1);
  const names: CollapsedLevels['names'] = [];
  const counts: number[] = [];
  for (const c of kept) {
    map[c] = names.length;
    names.push({ term: 'level', level: levels[c] });
    counts.push(raw[c]);
  }
  if (kept.length < present.length) {
    const other = names.length;
    let n = 0;
    for (const c of present.slice(kept.length)) {
      map[c] = other;
      n += raw[c];
    }
    names.push({ term: 'other_levels' });
    counts.push(n);
  }
  let missingLevel = -1;
  if (missing > 0) {
    missingLevel = names.length;
    names.push({ term: 'missing_level' });
    counts.push(missing);
  }
  const lookup = new Int32Array(levels.length + 1);
  lookup[0] = missingLevel;
  lookup.set(map, 1);
  return { map, missingLevel, lookup, names, counts: Float64Array.from(counts) };
}

/** The collapsed level of every row. */
export function collapsedCodes(codes: Int32Array, collapsed: CollapsedLevels): Int32Array {
  const out = new Int32Array(codes.length);
  const { lookup } = collapsed;
  for (let i = 0; i < codes.length; i++) out[i] = lookup[codes[i] + 1];
  return out;
}
