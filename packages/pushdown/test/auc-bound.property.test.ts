/**
 * The stated AUC bound is a bound: for random tables (few distinct scores or continuous ones, on a
 * probability scale or not, coarse or fine bins), the AUC of every group from binned counts is
 * within its stated bound of the AUC from the rows, and equal when every bin holds one score.
 * The counts are made here exactly as the counting query makes them (same bin formula).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '@ethixai/fairness';
import { COUNTS_FORMAT, type CountsDocument } from '@ethixai/contracts';
import { calibrationRange, reportFromCounts, specFromConfig } from '../src/index.ts';
import { fineScale } from '../src/counts-query.ts';

interface Row {
  g: string;
  y: number;
  p: number;
  s: number;
}

const CONFIG = { label: 'y', prediction: 'p', predictionPositive: ['1'], score: 's', sensitive: ['g'] };

/** The counting query's result for these rows, computed here. */
function counts(rows: Row[], bins: number): CountsDocument {
  const spec = specFromConfig(CONFIG, {
    source: { kind: 'table', name: ['t'] },
    kinds: { y: 'number', p: 'number', s: 'number', g: 'text' },
    scoreBins: bins,
  });
  const scores = spec.scores as { bins: number; calibrationBins: number };
  const min = Math.min(...rows.map((r) => r.s)),
    max = Math.max(...rows.map((r) => r.s));
  const range = calibrationRange(min, max);
  const fs = fineScale(range.lo, range.hi, scores.bins, scores.calibrationBins);
  const groups = new Map<string, { key: (string | number)[]; n: number; ws: number; min: number; max: number }>();
  for (const r of rows) {
    const bin = Math.min(scores.bins - 1, Math.max(0, Math.floor((r.s - range.lo) * fs)));
    const key = [r.g, r.y, r.p, bin];
    const id = JSON.stringify(key);
    const acc = groups.get(id) ?? { key, n: 0, ws: 0, min: Infinity, max: -Infinity };
    acc.n++;
    acc.ws += r.s;
    acc.min = Math.min(acc.min, r.s);
    acc.max = Math.max(acc.max, r.s);
    groups.set(id, acc);
  }
  return {
    format: COUNTS_FORMAT,
    query: { dialect: 'trino', ...spec } as CountsDocument['query'],
    scoreRange: range,
    columns: ['g0', 'label_value', 'decision_value', 'score_bin', 'n', 'ws', 'score_min', 'score_max'],
    rows: [...groups.values()].map((a) => [...a.key, a.n, a.ws, a.min, a.max]),
  };
}

const row = (score: fc.Arbitrary<number>) =>
  fc.record({
    g: fc.constantFrom('a', 'b', 'c'),
    y: fc.integer({ min: 0, max: 1 }),
    p: fc.integer({ min: 0, max: 1 }),
    s: score,
  });
const scores = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: -5, max: 20, noNaN: true }),
  fc.integer({ min: 0, max: 9 }).map((k) => k / 9),
);

describe('the AUC error bound', () => {
  it('holds for every group, and is 0 exactly when every bin holds one score', () => {
    fc.assert(
      fc.property(
        fc.array(row(scores), { minLength: 20, maxLength: 300 }),
        fc.constantFrom(10, 40, 1000),
        (rows, bins) => {
          const fromRows = audit(
            tableFromColumns({
              g: rows.map((r) => r.g),
              y: rows.map((r) => r.y),
              p: rows.map((r) => r.p),
              s: rows.map((r) => r.s),
            }),
            CONFIG,
          );
          const report = reportFromCounts(counts(rows, bins), CONFIG);
          const grouping = report.provenance.pushdown.scores!;
          const bound = new Map(grouping.aucErrorBounds.map((b) => [`${b.attribute}/${b.group}`, b.bound]));
          const pairs: [string, number | null, number | null][] = [
            ['overall/overall', report.overall.auc.value, fromRows.overall.auc.value],
          ];
          for (const g of report.attributes[0].groups)
            pairs.push([
              `g/${g.key}`,
              g.auc.value,
              fromRows.attributes[0].groups.find((h) => h.key === g.key)!.auc.value,
            ]);
          for (const [key, binned, exact] of pairs) {
            expect(binned === null).toBe(exact === null);
            if (binned === null || exact === null) continue;
            expect(Math.abs(binned - exact)).toBeLessThanOrEqual(bound.get(key)! + 1e-12);
            if (grouping.exact) expect(binned).toBe(exact);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
