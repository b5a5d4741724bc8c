/**
 * "The report from counts equals the report from rows", made checkable. Groups are listed in value
 * order in a counts report and in order of first appearance in a rows report, so both are put in
 * one order first; then every field must be equal: exactly (tolerance 0), or within a relative
 * tolerance (weighted sums, calibration mean scores: a parallel sum adds in another order), AUC
 * values within the stated bin error bound.
 */
import type { AuditResult } from '@ethixai/fairness';

export interface Tolerances {
  /** Relative tolerance of the groups' numbers: counts, sizes, rates and their intervals (0: bit-identical). */
  relative: number;
  /**
   * Relative tolerance of what is derived from several groups (differences, ratios, p-values, criteria),
   * where the error of a weighted sum is amplified (a difference of two close rates, a p-value far in
   * the tail); 0: bit-identical. Absolute differences below 1e-15 always pass here.
   */
  derived: number;
  /** Absolute tolerance of AUC values and their intervals (0 when scores were exact). */
  auc: number;
  /** Relative tolerance of calibration mean scores and ECE (sums of scores in another order). */
  scoreSums: number;
}

type Json = unknown;

function sortBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The report in one order, without what necessarily differs (where it came from). */
export function canonical(r: AuditResult): Json {
  const copy = structuredClone(r);
  const {
    source: _source,
    inputDigest: _digest,
    ...provenance
  } = copy.provenance as AuditResult['provenance'] & { pushdown?: unknown };
  delete (provenance as { pushdown?: unknown }).pushdown;
  copy.provenance = provenance as AuditResult['provenance'];
  copy.attributes = copy.attributes.map((a) => ({
    ...a,
    groups: sortBy(a.groups, (g) => g.key),
    comparisons: sortBy(a.comparisons, (c) => `${c.metric}\u0000${c.group}\u0000${c.reference}`),
    tests: sortBy(a.tests, (t) => `${t.metric}\u0000${t.groups.join('\u0000')}`),
    spreads: a.spreads.map((s) => ({ ...s, eligibleGroups: [...s.eligibleGroups].sort() })),
    // four_fifths lists the groups below the rule in group order; the other criteria name [max, min] or [group, reference].
    criteria: a.criteria.map((c) => (c.name === 'four_fifths' ? { ...c, groups: [...c.groups].sort() } : c)),
  }));
  copy.verdicts = sortBy(copy.verdicts, (v) => `${v.attribute}\u0000${v.metric}\u0000${v.groups.join('\u0000')}`);
  return copy;
}

/** Every path where the two reports differ beyond the tolerances (empty when equal). */
export function reportDifferences(fromCounts: AuditResult, fromRows: AuditResult, tol: Tolerances): string[] {
  const out: string[] = [];
  walk(canonical(fromCounts), canonical(fromRows), '', tol, out);
  return out.slice(0, 20);
}

function walk(a: Json, b: Json, path: string, tol: Tolerances, out: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    let limit: number;
    // The Hanley–McNeil interval moves with the AUC (its standard error is a function of it): twice the bound.
    if (/\.auc\.interval/.test(path)) limit = 2 * tol.auc;
    else if (/\.auc\./.test(path)) limit = tol.auc;
    else if (/\.(meanScore|ece)$/.test(path)) limit = tol.scoreSums * scale;
    // A sum over an attribute's groups, which the two reports list in different orders.
    else if (/\.betweenGroupGei\./.test(path)) limit = Math.max(tol.derived, 1e-14) * scale;
    else if (/(\.groups\[\d+\]|^\.overall)\./.test(path)) limit = tol.relative * scale;
    else limit = tol.derived === 0 ? 0 : Math.max(tol.derived * scale, 1e-15);
    const ok = limit === 0 ? Object.is(a, b) : Math.abs(a - b) <= limit;
    if (!ok) out.push(`${path}: ${a} (counts) vs ${b} (rows)`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path}: ${a.length} items (counts) vs ${b.length} (rows)`);
      return;
    }
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, tol, out));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      walk((a as Record<string, Json>)[k], (b as Record<string, Json>)[k], `${path}.${k}`, tol, out);
    return;
  }
  if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} (counts) vs ${JSON.stringify(b)} (rows)`);
}
