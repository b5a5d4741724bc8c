/**
 * Issue 18, defect 1: the interval of the extreme gap (max − min, min / max) must hold for the
 * extreme pair picked after seeing the data, with any number of groups. The coverage itself is
 * measured by the simulation (tools/bench/test/fairness-simulation.test.ts); these pin the construction.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditFromCounts, type Spread } from '../src/index.ts';
import { extremeGapIntervals, sidakAlpha } from '../src/extreme-gap.ts';
import { intervalLevel, newcombe, wilson } from '../src/stats/intervals.ts';

const level = intervalLevel('wilson', 0.05);
const rate = (x: number, n: number) => ({ p: x / n, x, n });

function spreadOf(groups: [number, number][], metric = 'selection_rate'): Spread {
  const r = auditFromCounts({
    attributes: [
      { name: 'g', groups: groups.map(([x, n], i) => ({ key: `g${i}`, counts: { tp: x, fp: 0, tn: n - x, fn: 0 } })) },
    ],
  });
  return r.attributes[0].spreads.find((s) => s.metric === metric)!;
}

describe('Šidák-adjusted pairwise intervals', () => {
  it('α′ = 1 − (1 − α)^(1/M): one pair is unadjusted, 190 pairs (K = 20) give 2.6996e-4', () => {
    expect(sidakAlpha(0.05, 1)).toBe(0.05);
    expect(sidakAlpha(0.05, 190)).toBeCloseTo(1 - 0.95 ** (1 / 190), 15);
    expect(sidakAlpha(0.05, 190)).toBeCloseTo(2.6996e-4, 7);
  });

  it('with two groups, max − min is Newcombe’s interval of the observed difference, folded at 0', () => {
    const [lo, hi] = newcombe(0.8, wilson(56, 70, level.z), 0.6, wilson(48, 80, level.z));
    expect(extremeGapIntervals([[rate(56, 70), rate(48, 80)]], level).difference).toEqual([lo, hi]);
    // A difference whose interval crosses 0: the gap |p1 − p2| is ≥ 0, so the lower bound is 0
    // and the upper bound the larger of the two one-sided reaches.
    const crossing = extremeGapIntervals([[rate(50, 100), rate(45, 100)]], level).difference;
    const direct = newcombe(0.5, wilson(50, 100, level.z), 0.45, wilson(45, 100, level.z));
    expect(crossing).toEqual([0, Math.max(direct[1], -direct[0])]);
  });

  it('the spread interval of 20 equal groups is wider than the unadjusted interval of its extreme pair', () => {
    const groups: [number, number][] = Array.from({ length: 20 }, (_, i) => [90 + (i % 5) * 5, 200]);
    const s = spreadOf(groups);
    const pairOnly = newcombe(0.55, wilson(110, 200, level.z), 0.45, wilson(90, 200, level.z));
    expect(s.difference.value).toBeCloseTo(0.1, 12);
    if (s.difference.value === null || s.difference.interval === null) throw new Error('spread undefined');
    expect(s.difference.interval[0]).toBe(0);
    expect(s.difference.interval[1]).toBeGreaterThan(pairOnly[1] + 0.05);
  });

  it('contains the estimate for any counts (max − min and min / max)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 30, max: 60 })), { minLength: 2, maxLength: 12 }),
        (raw) => {
          const s = spreadOf(raw.map(([x, n]) => [Math.min(x, n), n]));
          if (s.difference.value === null || s.difference.interval === null) return;
          expect(s.difference.interval[0]).toBeLessThanOrEqual(s.difference.value);
          expect(s.difference.interval[1]).toBeGreaterThanOrEqual(s.difference.value);
          expect(s.difference.interval[0]).toBeGreaterThanOrEqual(0);
          if (s.ratio.value !== null && s.ratio.interval !== null) {
            expect(s.ratio.interval[0]).toBeLessThanOrEqual(s.ratio.value);
            expect(s.ratio.interval[1]).toBeGreaterThanOrEqual(s.ratio.value);
            expect(s.ratio.interval[1]).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("beyond 200 groups, bounds from the groups' own intervals at the same level: valid, contain the estimate, no wider than [0, 1]", () => {
    const groups: [number, number][] = Array.from({ length: 250 }, (_, i) => [20 + (i % 11), 60]);
    const s = spreadOf(groups);
    if (
      s.difference.value === null ||
      s.difference.interval === null ||
      s.ratio.value === null ||
      s.ratio.interval === null
    )
      throw new Error('undefined');
    expect(s.difference.interval[0]).toBeLessThanOrEqual(s.difference.value);
    expect(s.difference.interval[1]).toBeGreaterThanOrEqual(s.difference.value);
    expect(s.ratio.interval[0]).toBeLessThanOrEqual(s.ratio.value);
    expect(s.ratio.interval[1]).toBeGreaterThanOrEqual(s.ratio.value);
    const level250 = intervalLevel('wilson', sidakAlpha(0.05, (250 * 249) / 2));
    const lowest = wilson(20, 60, level250.z),
      highest = wilson(30, 60, level250.z);
    // max l − min u is negative here (the intervals overlap), so the lower bound is 0.
    expect(s.difference.interval).toEqual([Math.max(0, highest[0] - lowest[1]), highest[1] - lowest[0]]);
    expect(s.ratio.interval).toEqual([lowest[0] / highest[1], Math.min(1, lowest[1] / highest[0])]);
  });

  it('the disparate-impact and equalized-odds criteria carry the simultaneous intervals', () => {
    const r = auditFromCounts({
      attributes: [
        {
          name: 'g',
          groups: [
            { key: 'a', counts: { tp: 60, fp: 20, tn: 80, fn: 40 } },
            { key: 'b', counts: { tp: 50, fp: 30, tn: 70, fn: 50 } },
            { key: 'c', counts: { tp: 40, fp: 10, tn: 90, fn: 60 } },
          ],
        },
      ],
    });
    const a = r.attributes[0];
    const di = a.criteria.find((c) => c.name === 'disparate_impact')!;
    const sel = a.spreads.find((s) => s.metric === 'selection_rate')!;
    expect(di.value).toEqual(sel.ratio);
    const eo = a.criteria.find((c) => c.name === 'equalized_odds_difference_worst_case')!;
    const tpr = a.spreads.find((s) => s.metric === 'tpr')!.difference,
      fpr = a.spreads.find((s) => s.metric === 'fpr')!.difference;
    if (eo.value.value === null || eo.value.interval === null || tpr.value === null || fpr.value === null)
      throw new Error('undefined');
    expect(eo.value.value).toBe(Math.max(tpr.value, fpr.value));
    // One family over both rates' pairs: at least as wide as either rate's own simultaneous interval.
    expect(eo.value.interval[1]).toBeGreaterThanOrEqual(Math.max(tpr.interval![1], fpr.interval![1]));
  });
});
