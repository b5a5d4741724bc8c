import { describe, expect, it } from 'vitest';
import { auditFromCounts, type Verdict } from '../src/index.ts';
import { excess, riskClass } from '../src/risk.ts';

const two = (a: object, b: object) => ({
  attributes: [
    {
      name: 'g',
      groups: [
        { key: 'A', counts: a as never },
        { key: 'B', counts: b as never },
      ],
    },
  ],
});
const status = (vs: Verdict[]) => Object.fromEntries(vs.map((v) => [v.metric, v.status]));

describe('verdicts (DESIGN §5) and the risk rule', () => {
  it('large significant gaps fail; a gap ≥ 2× the threshold is critical', () => {
    const r = auditFromCounts(two({ tp: 700, fp: 500, tn: 500, fn: 300 }, { tp: 400, fp: 200, tn: 800, fn: 600 }));
    expect(status(r.verdicts)).toEqual({
      demographic_parity_difference: 'fail',
      disparate_impact: 'fail',
      equal_opportunity_difference: 'fail',
    });
    const dp = r.verdicts[0];
    expect(dp).toMatchObject({ attribute: 'g', groups: ['A', 'B'], threshold: 0.1, significant: true });
    expect(dp.value).toBeCloseTo(0.3, 12);
    expect(dp.pValue!).toBeLessThan(1e-10);
    expect(dp.interval![0]).toBeLessThan(0.3);
    expect(r.risk.level).toBe('critical');
  });
  it('one modest significant breach is high', () => {
    const r = auditFromCounts(two({ tp: 600, fp: 400, tn: 600, fn: 400 }, { tp: 540, fp: 300, tn: 700, fn: 460 }));
    expect(status(r.verdicts)).toEqual({
      demographic_parity_difference: 'pass',
      disparate_impact: 'pass',
      equal_opportunity_difference: 'fail',
    });
    const eo = r.verdicts.find((v) => v.metric === 'equal_opportunity_difference')!;
    expect(eo.value).toBeCloseTo(0.06, 12);
    expect(eo.pValue!).toBeGreaterThan(0.0067); // Holm-adjusted above the raw p ≈ 0.0067
    expect(eo.pValue!).toBeLessThan(0.05);
    expect(r.risk).toMatchObject({ level: 'high' });
    expect(r.risk.reasons[0]).toContain('equal_opportunity_difference on g (A vs B)');
  });
  it('a breach that is not significant warns (medium)', () => {
    const r = auditFromCounts(two({ tp: 12, fp: 8, tn: 12, fn: 8 }, { tp: 9, fp: 6, tn: 15, fn: 10 }), {
      minGroupSize: 30,
      minDenominator: 10,
    });
    expect(status(r.verdicts).demographic_parity_difference).toBe('warn');
    expect(r.verdicts[0].significant).toBe(false);
    expect(r.risk.level).toBe('medium');
  });
  it('identical groups pass (low); unset thresholds give no verdict; optional thresholds add verdicts', () => {
    const same = { tp: 50, fp: 50, tn: 50, fn: 50 };
    const r = auditFromCounts(two(same, same), {
      policy: {
        fprDifference: 0.05,
        equalizedOddsDifference: 0.05,
        accuracyDifference: 0.05,
        predictiveParityDifference: 0.05,
        fnrDifference: 0.05,
        forDifference: 0.05,
        fdrDifference: 0.05,
      },
    });
    expect(r.verdicts).toHaveLength(10);
    expect(r.verdicts.every((v) => v.status === 'pass')).toBe(true);
    expect(r.risk).toEqual({ level: 'low', reasons: ['every verdict passes'] });
    const none = auditFromCounts(two(same, same), {
      policy: { demographicParityDifference: null, disparateImpact: null, equalOpportunityDifference: null },
    });
    expect(none.verdicts).toEqual([]);
    expect(none.risk.reasons).toEqual(['no policy thresholds were set']);
  });
  it('a breach only by a small cell warns and never fails', () => {
    const r = auditFromCounts({
      attributes: [
        {
          name: 'g',
          groups: [
            { key: 'A', counts: { tp: 500, fp: 500, tn: 500, fn: 500 } },
            { key: 'B', counts: { tp: 500, fp: 500, tn: 500, fn: 500 } },
            { key: 'tiny', counts: { tp: 0, fp: 0, tn: 3, fn: 2 } },
          ],
        },
      ],
    });
    const dp = r.verdicts[0];
    expect(dp).toMatchObject({ status: 'warn', groups: ['A', 'tiny'] });
    expect(dp.reason).toContain('only when small cells are counted');
    expect(r.attributes[0].groups[2].small).toBe(true);
  });
  it('a single group has nothing to compare', () => {
    const r = auditFromCounts({
      attributes: [{ name: 'g', groups: [{ key: 'A', counts: { tp: 50, fp: 50, tn: 50, fn: 50 } }] }],
    });
    expect(r.verdicts.every((v) => v.status === 'pass' && v.value === null)).toBe(true);
    const only = auditFromCounts({
      attributes: [
        {
          name: 'g',
          groups: [
            { key: 'A', counts: { tp: 50, fp: 50, tn: 50, fn: 50 } },
            { key: 'B', counts: { tp: 1, fp: 1, tn: 1, fn: 1 } },
          ],
        },
      ],
    });
    expect(only.verdicts.every((v) => v.status === 'warn')).toBe(true);
  });
  it('reference strategies: user, largest, best-off; DI always against the top selector', () => {
    const input = {
      attributes: [
        {
          name: 'g',
          groups: [
            { key: 'A', counts: { tp: 300, fp: 100, tn: 500, fn: 100 } },
            { key: 'B', counts: { tp: 100, fp: 50, tn: 300, fn: 50 } },
          ],
        },
      ],
    };
    const user = auditFromCounts(input, { reference: { g: 'B' } });
    expect(user.attributes[0].reference).toEqual({ group: 'B', strategy: 'user' });
    expect(user.attributes[0].comparisons.filter((c) => c.metric === 'tpr').map((c) => [c.group, c.reference])).toEqual(
      [['A', 'B']],
    );
    const di = user.attributes[0].criteria.find((c) => c.name === 'disparate_impact')!;
    expect(di.groups).toEqual(['B', 'A']);
    const best = auditFromCounts(input, { referenceStrategy: 'best-off' });
    expect(best.attributes[0].reference).toEqual({ group: null, strategy: 'best-off' });
    const fpr = best.attributes[0].comparisons.find((c) => c.metric === 'fpr')!;
    expect(fpr).toMatchObject({ group: 'A', reference: 'B' }); // FPR: lower is better, B 50/350 < A 100/600
    expect(best.attributes[0].comparisons.find((c) => c.metric === 'tpr')).toMatchObject({
      group: 'B',
      reference: 'A',
    });
    expect(() => auditFromCounts(input, { reference: { g: 'Z' } })).toThrow(/group "Z" does not occur in g/);
  });
  it('excess: differences relative to the threshold, ratios relative to the allowed shortfall', () => {
    const v = (metric: string, value: number | null, threshold: number) => ({ metric, value, threshold }) as Verdict;
    expect(excess(v('demographic_parity_difference', 0.3, 0.1))).toBeCloseTo(3, 12);
    expect(excess(v('disparate_impact', 0.6, 0.8))).toBeCloseTo(2, 12);
    expect(excess(v('disparate_impact', 1.25, 0.8))).toBeCloseTo(1, 12);
    expect(excess(v('disparate_impact', 0.5, 1))).toBeNull();
    expect(excess(v('x', 0.1, 0))).toBe(Infinity);
    expect(excess(v('x', null, 0.1))).toBeNull();
    expect(riskClass([]).level).toBe('low');
  });
});
