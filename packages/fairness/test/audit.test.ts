import { describe, expect, it } from 'vitest';
import { audit, auditFromCounts, tableFromColumns, type AuditResult, type GroupReport } from '../src/index.ts';

// Two groups, hand-computed. A: y 1,1,1,0,0,0 / ŷ 1,1,0,1,0,0 → TP 2 FN 1 FP 1 TN 2.
// B: y 1,0,0,0 / ŷ 0,0,0,0 → TP 0 FN 1 FP 0 TN 3.
export const micro = tableFromColumns({
  g: ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'],
  y: [1, 1, 1, 0, 0, 0, 1, 0, 0, 0],
  p: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0],
});
const loose = { label: 'y', prediction: 'p', sensitive: ['g'], minGroupSize: 0, minDenominator: 0 };
const group = (r: AuditResult, key: string): GroupReport => r.attributes[0].groups.find((g) => g.key === key)!;

describe('audit on a hand-computed micro example', () => {
  const r = audit(micro, loose);
  it('counts and rates per group', () => {
    const a = group(r, 'A');
    expect([a.tp, a.fp, a.tn, a.fn, a.n, a.rows, a.effectiveN]).toEqual([2, 1, 2, 1, 6, 6, 6]);
    const v = (k: keyof GroupReport['rates']) => a.rates[k].value;
    expect([v('selection_rate'), v('base_rate'), v('accuracy')]).toEqual([0.5, 0.5, 4 / 6]);
    expect([v('tpr'), v('fnr'), v('fpr'), v('tnr')]).toEqual([2 / 3, 1 / 3, 1 / 3, 2 / 3]);
    expect([v('ppv'), v('fdr'), v('npv'), v('for')]).toEqual([2 / 3, 1 / 3, 2 / 3, 1 / 3]);
    expect(a.rates.tpr).toMatchObject({ numerator: 2, denominator: 3, smallCell: false });
  });
  it('undefined is null with a reason, never 0', () => {
    const b = group(r, 'B');
    expect(b.rates.ppv).toEqual({
      value: null,
      reason: 'no_predicted_positives',
      numerator: 0,
      denominator: 0,
      smallCell: false,
    });
    expect(b.rates.fdr.value).toBeNull();
    expect(b.rates.tpr.value).toBe(0);
    expect(b.rates.npv.value).toBe(0.75);
  });
  it('overall row', () => {
    expect([r.overall.tp, r.overall.fp, r.overall.tn, r.overall.fn]).toEqual([2, 1, 5, 2]);
    expect(r.overall.rates.selection_rate.value).toBe(0.3);
  });
  it('spreads and named criteria', () => {
    const sr = r.attributes[0].spreads.find((s) => s.metric === 'selection_rate')!;
    expect(sr.difference.value).toBe(0.5);
    expect(sr.ratio.value).toBe(0);
    expect(sr.differenceToOverall.value).toBeCloseTo(0.3, 12);
    expect(sr.ratioToOverall.value).toBe(0);
    const ppv = r.attributes[0].spreads.find((s) => s.metric === 'ppv')!;
    expect(ppv.difference).toEqual({ value: null, reason: 'fewer_than_two_groups' });
    const crit = Object.fromEntries(r.attributes[0].criteria.map((c) => [c.name, c.value.value]));
    expect(crit.demographic_parity_difference).toBe(0.5);
    expect(crit.disparate_impact).toBe(0);
    expect(crit.equal_opportunity_difference).toBeCloseTo(2 / 3, 12);
    expect(crit.equalized_odds_difference_worst_case).toBeCloseTo(2 / 3, 12);
    expect(crit.equalized_odds_difference_mean).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(crit.predictive_parity_difference).toBeNull();
    expect(r.attributes[0].criteria.find((c) => c.name === 'four_fifths')).toMatchObject({
      passed: false,
      groups: ['B'],
    });
  });
  it('reference comparisons use the largest group and say when a rate is undefined', () => {
    expect(r.attributes[0].reference).toEqual({ group: 'A', strategy: 'largest' });
    const c = r.attributes[0].comparisons.find((x) => x.metric === 'ppv' && x.group === 'B')!;
    expect(c.difference).toEqual({ value: null, reason: 'group_undefined' });
    const s = r.attributes[0].comparisons.find((x) => x.metric === 'selection_rate' && x.group === 'B')!;
    expect(s.difference.value).toBe(-0.5);
    expect(s.ratio.value).toBe(0);
    expect(s.test?.method).toBe('fisher_exact');
  });
  it('tiny samples breach but are not significant: warn, risk medium', () => {
    const dp = r.verdicts.find((v) => v.metric === 'demographic_parity_difference')!;
    expect(dp).toMatchObject({ status: 'warn', significant: false, threshold: 0.1, value: 0.5, groups: ['A', 'B'] });
    expect(r.risk.level).toBe('medium');
  });
  it('is plain JSON with provenance', () => {
    const json = JSON.stringify(r);
    expect(JSON.parse(json)).toEqual(r);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(r.provenance).toMatchObject({
      engineVersion: r.engineVersion,
      source: 'table',
      rowCount: 10,
      includedRows: 10,
      excluded: [],
    });
    expect(r.provenance.config).toMatchObject({
      confidence: 0.95,
      geiAlpha: 2,
      missingSensitive: 'group',
      intersection: false,
    });
    expect(r.provenance.inputDigest).toMatch(/^mix64:[0-9a-f]{16}$/);
    expect(audit(micro, loose).provenance.inputDigest).toBe(r.provenance.inputDigest);
    const changed = tableFromColumns({
      g: ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'],
      y: [1, 1, 1, 0, 0, 0, 1, 0, 0, 1],
      p: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0],
    });
    expect(audit(changed, loose).provenance.inputDigest).not.toBe(r.provenance.inputDigest);
    expect(audit(micro, { ...loose, weights: undefined, score: 'p' }).provenance.inputDigest).not.toBe(
      r.provenance.inputDigest,
    );
    expect(r.drivers).toBeNull();
    expect(r.driversReason).toBe('no feature columns were given');
  });
  it('default small-cell gates make every group small: verdicts warn, never fail', () => {
    const d = audit(micro, { label: 'y', prediction: 'p', sensitive: ['g'] });
    expect(group(d, 'A').small).toBe(true);
    expect(group(d, 'A').smallReasons[0]).toContain('below minGroupSize 30');
    expect(d.verdicts.every((v) => v.status === 'warn')).toBe(true);
    expect(d.verdicts[0].reason).toContain('small cells');
  });
});

describe('auditFromCounts', () => {
  it('gives the same numbers as the row audit for the same counts', () => {
    const fromRows = audit(micro, loose);
    const fromCounts = auditFromCounts(
      {
        attributes: [
          {
            name: 'g',
            groups: [
              { key: 'A', counts: { tp: 2, fp: 1, tn: 2, fn: 1 } },
              { key: 'B', counts: { tp: 0, fp: 0, tn: 3, fn: 1 } },
            ],
          },
        ],
      },
      { minGroupSize: 0, minDenominator: 0 },
    );
    expect(fromCounts.attributes[0].criteria).toEqual(fromRows.attributes[0].criteria);
    expect(fromCounts.attributes[0].groups.map((g) => g.rates)).toEqual(
      fromRows.attributes[0].groups.map((g) => g.rates),
    );
    expect(fromCounts.verdicts).toEqual(fromRows.verdicts);
    expect(fromCounts.inequality).toEqual(fromRows.inequality);
    expect(fromCounts.overall.auc).toEqual({ value: null, reason: 'needs_rows' });
    expect(fromCounts.provenance).toMatchObject({ source: 'counts', inputDigest: null });
  });
  it('rejects malformed counts naming the field', () => {
    expect(() => auditFromCounts({ attributes: [] })).toThrow(/attributes must be a non-empty array/);
    expect(() => auditFromCounts({ attributes: [{ name: 'g', groups: [] }] })).toThrow(/attributes\[0\]\.groups/);
    expect(() =>
      auditFromCounts({ attributes: [{ name: 'g', groups: [{ key: 'A', counts: { tp: -1, fp: 0, tn: 0, fn: 0 } }] }] }),
    ).toThrow(/attributes\[0\]\.groups\[0\]\.counts\.tp/);
    expect(() =>
      auditFromCounts(
        { attributes: [{ name: 'g', groups: [{ key: 'A', counts: { tp: 1, fp: 0, tn: 0, fn: 0 } }] }] },
        { confidence: 2 },
      ),
    ).toThrow(/config\.confidence/);
    const squares = (weightSquares: Record<string, unknown>) => () =>
      auditFromCounts({
        attributes: [
          {
            name: 'g',
            groups: [{ key: 'A', counts: { tp: 2, fp: 0, tn: 1, fn: 0 }, weightSquares: weightSquares as never }],
          },
        ],
      });
    expect(squares({ tp: 0, fp: 0, tn: 1, fn: 0 })).toThrow(
      /attributes\[0\]\.groups\[0\]\.weightSquares\.tp must be a finite number, above 0 when counts\.tp is/,
    );
    expect(squares({ tp: 1, fp: 0, tn: Number.NaN, fn: 0 })).toThrow(/weightSquares\.tn/);
    expect(squares({ tp: 1, fp: -1, tn: 1, fn: 0 })).toThrow(/weightSquares\.fp/);
    expect(squares({ tp: 1, fp: 0, tn: 1, fn: 0 })).not.toThrow();
  });
  it('uses weight squares for Kish effective sizes and a given overall row', () => {
    const r = auditFromCounts({
      attributes: [
        {
          name: 'g',
          groups: [
            {
              key: 'A',
              counts: { tp: 10, fp: 10, tn: 10, fn: 10 },
              weightSquares: { tp: 20, fp: 20, tn: 20, fn: 20 },
              rows: 20,
            },
          ],
        },
      ],
      overall: { key: 'all', counts: { tp: 10, fp: 10, tn: 10, fn: 10 } },
    });
    expect(r.attributes[0].groups[0]).toMatchObject({ n: 40, rows: 20, effectiveN: 20 });
    expect(r.overall.effectiveN).toBe(40);
  });
});
