/**
 * Issue 18, defects 2 and 3: the family Holm corrects over is every pairwise test the report
 * could show (all attributes, all tested rates), and the report says so; tied extremes never
 * make a group be compared with itself.
 */
import { describe, expect, it } from 'vitest';
import { auditFromCounts, type CountsAuditInput } from '../src/index.ts';

const same = { tp: 40, fp: 10, tn: 40, fn: 10 };
const equalGroups = (keys: string[]): CountsAuditInput => ({
  attributes: [{ name: 'g', groups: keys.map((key) => ({ key, counts: { ...same } })) }],
});

describe('the test family is the whole report', () => {
  it('holds every pair of eligible groups for each of the six tested rates, over all attributes, and says so', () => {
    const r = auditFromCounts({
      attributes: [
        equalGroups(['a', 'b', 'c', 'd', 'e']).attributes[0],
        {
          name: 'h',
          groups: [
            { key: 'x', counts: { ...same } },
            { key: 'y', counts: { tp: 30, fp: 20, tn: 30, fn: 20 } },
          ],
        },
      ],
    });
    expect(r.multipleTesting.hypotheses).toBe(6 * 10 + 6 * 1);
    expect(r.multipleTesting).toMatchObject({ correction: 'holm', family: 'report', alpha: expect.closeTo(0.05, 12) });
    expect(r.multipleTesting.shown).toBe(r.attributes.reduce((n, a) => n + a.tests.length, 0));
    expect(r.multipleTesting.description).toContain(`Holm over all ${r.multipleTesting.hypotheses} pairwise tests`);
  });

  it('adjusts a shown test for the pairs it was picked from: p × m for the smallest raw p', () => {
    const groups = Array.from({ length: 10 }, (_, i) => ({ key: `g${i}`, counts: { tp: 50, fp: 50, tn: 50, fn: 50 } }));
    groups[0].counts = { tp: 70, fp: 55, tn: 45, fn: 30 };
    const r = auditFromCounts({ attributes: [{ name: 'g', groups }] });
    const dp = r.attributes[0].criteria.find((c) => c.name === 'demographic_parity_difference')!;
    const test = r.attributes[0].tests.find((t) => t.metric === 'selection_rate' && t.groups.includes('g0'))!;
    const all = r.multipleTesting.hypotheses;
    expect(all).toBe(6 * 45);
    expect(dp.pValue).toBe(test.pAdjusted);
    expect(test.pAdjusted).toBeGreaterThanOrEqual(Math.min(1, test.pValue * 6));
  });
});

describe('large families', () => {
  it('switch from Holm to Bonferroni over the family size beyond 20,000 hypotheses, and say so', () => {
    const groups = Array.from({ length: 100 }, (_, i) => ({
      key: `g${String(i).padStart(3, '0')}`,
      counts: { tp: 40 + (i % 9), fp: 20, tn: 40, fn: 20 },
    }));
    const r = auditFromCounts({ attributes: [{ name: 'g', groups }] });
    const m = (6 * (100 * 99)) / 2;
    expect(r.multipleTesting).toMatchObject({ correction: 'bonferroni', hypotheses: m });
    expect(r.multipleTesting.description).toContain('Bonferroni');
    for (const t of r.attributes[0].tests) expect(t.pAdjusted).toBe(Math.min(1, t.pValue * m));
  });
});

describe('tied extremes', () => {
  it('never compare a group with itself, and break ties by group key whatever the input order', () => {
    for (const keys of [
      ['b', 'a', 'c'],
      ['c', 'b', 'a'],
      ['a', 'b', 'c'],
    ]) {
      const a = auditFromCounts(equalGroups(keys)).attributes[0];
      for (const t of a.tests) expect(t.groups[0]).not.toBe(t.groups[1]);
      for (const c of a.comparisons) expect(c.group).not.toBe(c.reference);
      for (const s of a.spreads.filter((x) => x.max && x.min)) {
        expect(s.max!.group).toBe('a');
        expect(s.min!.group).toBe('b');
      }
      for (const c of a.criteria) if (c.groups.length === 2) expect(c.groups[0]).not.toBe(c.groups[1]);
    }
  });
});
